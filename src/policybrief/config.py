"""Reading analyst-edited YAML safely, and validating every configuration file against its schema.

One loader for every user-edited file (config.yaml, config/*.yaml, registries, annotations): it
refuses anything but a regular file, bounds the size, rejects YAML aliases (a few kilobytes of
nested aliases expand to gigabytes) and reports every problem as an InputError naming the file
and the fix. Schemas (JSON Schema, written in YAML) sit beside what they validate, in config/.
Kept free of heavy imports: the Snakefile runs these checks at every start.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from .errors import InputError
from .textio import check_regular_file

# The C loader when PyYAML has it: a 1000-record registry is parsed at every start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_YAML_BYTES = 20_000_000
CONFIG_DIR = "config"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _TextDateLoader(_LOADER):
    """The same loader, but an unquoted date stays text: PyYAML would build a datetime.date and
    raise a bare ValueError on an impossible one (2024-02-30), before any check could name it."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _LOADER.yaml_implicit_resolvers.items()
}


def describe_violation(err: jsonschema.ValidationError) -> str:
    where = ".".join(str(p) for p in err.absolute_path) or "(top level)"
    return f"key {where}: {err.message}"


def read_yaml(path, what: str = "file", dates_as_text: bool = False):
    """Parse one YAML file: a regular file, at most MAX_YAML_BYTES, without aliases.

    `dates_as_text` keeps unquoted dates as strings, for files whose dates are checked as text.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise InputError(
            path, f"the {what} does not exist", "restore it from git or fix its path in config.yaml"
        )
    check_regular_file(path, path.parent)
    size = path.stat().st_size
    if size > MAX_YAML_BYTES:
        raise InputError(
            path, f"is {size:,} bytes, more than a {what} can be", "check that the right file is named here"
        )
    try:
        text = path.read_text(encoding="utf-8")
        if "*" in text and any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=_LOADER)):
            raise InputError(
                path,
                "uses YAML aliases (*name), which this project does not accept",
                "write the repeated values out in full instead of anchoring (&name) and aliasing them",
            )
        return yaml.load(text, Loader=_TextDateLoader if dates_as_text else _LOADER)
    except UnicodeDecodeError as err:
        raise InputError(
            path, f"is not valid UTF-8 (byte offset {err.start})", "re-save the file as UTF-8"
        ) from None
    except yaml.YAMLError as err:
        raise InputError(
            path, f"is not valid YAML ({err})".replace("\n", " "), "fix the YAML syntax at the position named"
        ) from None


def schema_path(name: str, config_dir=CONFIG_DIR) -> Path:
    return Path(config_dir) / f"{name}.schema.yaml"


def validate(data, schema_file, source) -> None:
    """Check `data` against a JSON schema; the first violation (in document order) names its key."""
    schema = yaml.load(Path(schema_file).read_text(encoding="utf-8"), Loader=_LOADER)
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(data),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    if errors:
        raise InputError(
            source,
            describe_violation(errors[0]),
            f"correct that key; the file's format is described in {schema_file} and the file's header",
        )


def load_checked(path, name: str, config_dir=CONFIG_DIR, what: str | None = None):
    """read_yaml + validate against config/<name>.schema.yaml."""
    data = read_yaml(path, what or f"{name} file")
    validate(data, schema_path(name, config_dir), path)
    return data


def fill_defaults(config: dict, schema_file) -> dict:
    schema = yaml.load(Path(schema_file).read_text(encoding="utf-8"), Loader=_LOADER)
    for section, spec in schema["properties"].items():
        if "default" in spec:
            config.setdefault(section, {})
            for key, prop in spec.get("properties", {}).items():
                if "default" in prop:
                    config[section].setdefault(key, prop["default"])
    return config


def load_config(path="config.yaml") -> dict:
    """config.yaml validated and with defaults filled (tests, notebooks, benchmarks)."""
    data = read_yaml(path, "configuration file")
    if not isinstance(data, dict):
        raise InputError(
            path, "is not a mapping of settings", "restore it from git (`git checkout config.yaml`)"
        )
    return check_config(data, path)


def check_config(config: dict, source="config.yaml") -> dict:
    """Validate config.yaml's content against config/config.schema.yaml and fill the defaults."""
    validate(config, schema_path("config"), source)
    return fill_defaults(config, schema_path("config"))
