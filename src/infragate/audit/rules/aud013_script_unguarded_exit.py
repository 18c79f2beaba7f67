from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder
from infragate.audit.shell import script

FAILING_EXIT = lazyre.compile(r"^[1-9]\d*$")


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for path in repo.shell_scripts():
        if "exit" not in repo.text(path):
            continue  # a substring test spares the parse
        cmds = script(repo, path)
        for i, cmd in enumerate(cmds):
            if cmd.words[0] != "exit" or cmd.conditional:
                continue
            code = cmd.words[1] if len(cmd.words) > 1 else ""
            if FAILING_EXIT.match(code):
                after = " and skips everything after it" if i + 1 < len(cmds) else ""
                yield Hit(path, cmd.line, f"'exit {code}' runs on the normal path{after}")


RULE = AuditRule(
    id="AUD013",
    slug="script-unguarded-exit",
    title="A script's error exits run only on an error",
    rationale=(
        "An 'exit 1' outside any if/||/case is reached by the normal flow: the script fails "
        "every time at that point (seed audit 004, bootstrap script line 671). One after a "
        "branch where the success path already exited ('exit 0') is the error branch: fine."
    ),
    impact="Every run aborts; steps after the exit never run; automation reports failure.",
    fix="Put the exit inside the error branch: 'cmd || { echo \"cmd failed\" >&2; exit 1; }'.",
    severity=ladder(Severity.high, Severity.high, Severity.critical, Severity.critical),
    check=check,
)
