"""One error type for bad input, so every stage reports problems the same way."""


class InputError(Exception):
    """Bad input the user must fix: names the file, the problem and the fix."""

    def __init__(self, path, problem: str, fix: str):
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f"{self.path}: {problem}\n  How to fix: {fix}")
