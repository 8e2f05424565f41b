"""Load and validate config.yaml outside Snakemake (tests, notebooks, benchmarks)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from .errors import InputError

SCHEMA_PATH = Path(__file__).with_name("config.schema.yaml")


def describe_violation(err: jsonschema.ValidationError) -> str:
    where = ".".join(str(p) for p in err.absolute_path) or "(top level)"
    return f"key {where}: {err.message}"


def check_config(config: dict, source="config.yaml") -> dict:
    """Validate `config`, filling defaults; raise InputError naming the bad key."""
    schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    if not isinstance(config, dict):
        raise InputError(
            source, "is not a mapping of settings", "restore it from git (`git checkout config.yaml`)"
        )
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(config), key=lambda e: list(e.absolute_path)
    )
    if errors:
        raise InputError(
            source,
            describe_violation(errors[0]),
            f"correct that key; every key is documented in {SCHEMA_PATH.name}",
        )
    for section, spec in schema["properties"].items():
        if "default" in spec:
            config.setdefault(section, {})
            for key, prop in spec.get("properties", {}).items():
                if "default" in prop:
                    config[section].setdefault(key, prop["default"])
    return config


def load_config(path="config.yaml") -> dict:
    if not Path(path).is_file():
        raise InputError(
            path, "the configuration file does not exist", "restore it from git (`git checkout config.yaml`)"
        )
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError(
            path, f"is not valid YAML ({err})".replace("\n", " "), "fix the YAML syntax"
        ) from None
    return check_config(data, source=path)
