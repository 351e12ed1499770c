import re
import subprocess
import sys
from pathlib import Path

from bienban.cli import cli

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands():
    first_block = README.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert first_block == ["pip install . && bienban tag data/samples/", "pip install '.[test]' && pytest"]
    assert README.index("```bash") < README.index("## ")


def test_readme_command_list_matches_the_cli():
    section = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^- `bienban (\w+)", section, flags=re.M)
    assert documented == sorted(cli.commands, key=documented.index) and set(documented) == set(cli.commands)


def test_readme_tag_options_exist():
    section = README.split("- `bienban tag", 1)[1].split("\n- `bienban", 1)[0]
    names = {opt for p in cli.commands["tag"].params for opt in getattr(p, "opts", [])}
    names |= {opt for p in cli.commands["tag"].params for opt in getattr(p, "secondary_opts", [])}
    for option in re.findall(r"(--[a-z][a-z-]+)", section):
        assert option in names, option


def test_ruff_is_clean():
    root = Path(__file__).parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "tests"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean():
    root = Path(__file__).parents[1]
    result = subprocess.run([sys.executable, "-m", "mypy", "src"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
