"""The yardstick: a minimal Typer app that validates one pydantic model and prints a one-row
rich table. Its start-up is the floor the libraries set; legpress is measured against it."""

from __future__ import annotations

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

app = typer.Typer()


class Muscle(BaseModel):
    id: str
    name: str
    role: str


@app.command()
def main() -> None:
    muscle = Muscle.model_validate({"id": "vastus-lateralis", "name": "Vastus lateralis", "role": "primary"})
    table = Table("Muscle", "Role")
    table.add_row(muscle.name, muscle.role)
    Console().print(table)


if __name__ == "__main__":
    app()
