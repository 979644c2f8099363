"""The client options are declared once (``ClientOptions``' fields); the typed keywords, the
pools' keywords, the runtime checks and the CLI flags agree with that declaration."""

from __future__ import annotations

from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, get_type_hints

import pytest

import comfy_api_client
from comfy_api_client import InvalidArgumentError, create_async_pool, create_client, create_pool
from comfy_api_client.core.options import (
    POSITIVE,
    TUNABLE,
    ClientKeywords,
    ClientOptions,
    PoolClientKeywords,
)
from comfy_api_client.events import Event
from tests.typecheck import mypy_strict

#: Keywords that are not kept as they are given: the key becomes the Authorization header.
INPUT_ONLY = {"api_key"}


def _hints(kind: Any) -> dict[str, Any]:
    return get_type_hints(kind, localns={"Event": Event})


def _without_none(kind: Any) -> Any:
    args = [arg for arg in getattr(kind, "__args__", ()) if arg is not type(None)]
    if type(None) in getattr(kind, "__args__", ()):
        kind = args[0] if len(args) == 1 else kind
    return kind


def test_client_keywords_match_the_declaration_field_by_field() -> None:
    declared = {f.name: f for f in fields(ClientOptions) if f.metadata["keyword"]}
    keywords = _hints(ClientKeywords)
    assert set(keywords) - INPUT_ONLY == set(declared)
    field_types = _hints(ClientOptions)
    for name, spec in declared.items():
        expected = spec.metadata["accepts"] or _without_none(field_types[name])
        assert keywords[name] == expected, name
        assert spec.metadata["doc"], name


def test_pool_keywords_are_the_client_keywords_and_the_create_client_arguments() -> None:
    pool = _hints(PoolClientKeywords)
    client = _hints(ClientKeywords)
    build = _hints(ClientOptions.build)
    positional = {"http_timeout", "start_state_tracker", "state_tracker_kwargs"}
    assert set(pool) == set(client) - {"on_event"} | positional
    for name in set(client) - {"on_event"}:
        assert pool[name] == client[name], name
    for name in positional:
        assert pool[name] == _without_none(build[name]) or pool[name] == build[name], name


def test_tunable_options_are_declared_and_not_keywords() -> None:
    declared = {f.name: f.metadata for f in fields(ClientOptions)}
    assert {"poll_interval", "watchdog_interval", "ws_max_size"} <= TUNABLE
    assert all(not declared[name]["keyword"] for name in TUNABLE)
    assert {"http_deadline", "output_memory_limit", "response_size_limit"} == POSITIVE


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("http_timout", 3),
        ("http_deadline", "x"),
        ("strict", "yes"),
        ("api", "v3"),
        ("headers", {"X-A": 1}),
        ("on_event", 42),
        ("output_memory_limit", 1.5),
    ],
)
def test_create_client_refuses_an_unknown_or_ill_typed_option(name: str, value: object) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        create_client("127.0.0.1:1", start_state_tracker=None, **{name: value})  # type: ignore[arg-type]
    assert caught.value.argument == name
    assert name in str(caught.value)


@pytest.mark.parametrize("factory", [create_pool, create_async_pool])
@pytest.mark.parametrize(
    ("name", "value"),
    [("http_timout", 3), ("http_timeout", "x"), ("validate", "no"), ("state_tracker_kwargs", 1)],
)
def test_pools_refuse_an_unknown_or_ill_typed_client_option(
    factory: Any, name: str, value: object
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        factory(["127.0.0.1:1"], **{name: value})
    assert caught.value.argument == name


def test_none_still_means_the_default_where_it_did() -> None:
    opts = ClientOptions.build("h:1", headers=None, client_id=None, httpx_args=None)  # type: ignore[typeddict-item]
    assert opts.headers == {} and len(opts.client_id) == 32 and opts.httpx_args == {}


def test_the_cli_flags_come_from_the_declaration() -> None:
    from comfy_api_client.integrations import cli

    parser = cli._parser()
    flags = {a for action in parser._actions for a in action.option_strings}
    declared = [f.metadata["cli"] for f in fields(ClientOptions) if f.metadata["cli"]]
    assert {"--header", "--insecure", "--http-timeout", "--http-deadline"} <= {
        flag.flag for flag in declared
    }
    assert {flag.flag for flag in declared} <= flags


def test_mypy_strict_refuses_a_misspelt_or_ill_typed_option(tmp_path: Path) -> None:
    snippet = tmp_path / "options_snippet.py"
    snippet.write_text(
        "from comfy_api_client import create_async_pool, create_client, create_pool\n"
        'create_client("h:1", http_timeout="x")\n'
        'create_client("h:1", http_deadline="x")\n'
        'create_pool(["h:1"], http_timout=3)\n'
        'create_async_pool(["h:1"], validate="no")\n'
        'create_pool(["h:1"], http_timeout=3, headers={"A": "b"}, validate=False)\n'
    )
    report = mypy_strict(snippet)
    lines = {int(line.split(":")[1]) for line in report.splitlines() if ": error:" in line}
    assert lines == {2, 3, 4, 5}, report


def test_every_option_is_reachable_from_the_package() -> None:
    for name in ("ClientKeywords", "ClientOptions", "PoolClientKeywords"):
        assert name in comfy_api_client.__all__
        assert getattr(comfy_api_client, name) is not None


PAGE = Path(__file__).resolve().parents[1] / "docs" / "options.md"
TABLE_START = (
    "<!-- options: generated from ClientOptions' fields; tests/test_options.py checks it -->"
)
TABLE_END = "<!-- /options -->"


def _default(option: Any) -> str:
    if option.default_factory is not MISSING:
        return "`{}`" if option.default_factory is dict else "a new random id"
    value = option.default
    if isinstance(value, int) and not isinstance(value, bool) and value >= 2**20:
        return f"{value // 2**20} MiB"
    return f"`{value!r}`"


def options_table() -> str:
    """The options page's table (docs/options.md), as ``ClientOptions`` declares them."""
    rows = ["| option | default | meaning |", "|---|---|---|"]
    for option in fields(ClientOptions):
        meta = option.metadata
        if option.name in ("address", "has_api_key", "http_client"):
            continue
        name = f"`{option.name}`"
        doc = meta["doc"].replace("``", "`")
        if meta["tunable"]:
            doc += f" Set through `state_tracker_kwargs={{{option.name!r}: ...}}`."
        flag = f" (CLI: `{meta['cli'].flag}`)" if meta["cli"] else ""
        rows.append(f"| {name} | {_default(option)} | {doc}{flag} |")
    return "\n".join(rows)


def test_docs_options_table_is_the_declaration() -> None:
    text = PAGE.read_text(encoding="utf-8")
    shown = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0].strip()
    assert shown == options_table(), "regenerate: python -m tests.test_options"


if __name__ == "__main__":
    print(options_table())
