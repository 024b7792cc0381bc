"""`scorecardgen schema`: JSON Schema of content files for editors' autocompletion."""

from __future__ import annotations

import json
from pathlib import Path

import click

from scorecardgen.schema import KINDS, all_schemas, schema_for


@click.command("schema")
@click.argument("kind", required=False, type=click.Choice(sorted(KINDS)))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one <kind>.schema.json file per kind into this folder instead.",
)
def command(kind: str | None, out: Path | None) -> None:
    """Print the JSON Schema of one kind of file, or of every kind."""
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, schema in all_schemas().items():
            if kind in (None, name):
                path = out / f"{name}.schema.json"
                path.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
                click.echo(str(path))
        return
    data = schema_for(kind) if kind else all_schemas()
    click.echo(json.dumps(data, indent=2))
