import re
from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder

# High-confidence token formats, after gitleaks' default rules
# (github.com/gitleaks/gitleaks, config/gitleaks.toml, read 2026-11-25). Each has a literal
# that must be in the text before its regex runs: most files are ruled out by a substring test.
KINDS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("AWS access key ID", ("AKIA", "ASIA"), re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("private key", ("PRIVATE KEY",), re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----")),
    ("GitHub token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b")),
    ("Slack token", ("xox",), re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}")),
    ("Stripe live key", ("k_live_",), re.compile(r"\b[sr]k_live_[A-Za-z0-9]{20,}")),
    ("Google API key", ("AIza",), re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("OpenAI API key", ("sk-",), re.compile(r"\bsk-(?:proj-)?(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{32,}")),
    # user:password@host in a URL; the regex starts at the literal '://' so it scans fast.
    ("password in a connection string", ("://",), re.compile(r"://[^/\s:@'\"]+:([^@\s'\"$<{]{4,})@[\w.-]+")),
)  # fmt: skip
# `NAME=value` in env files: a value is a secret when the name says so and it is not a placeholder.
ENV_SECRET = re.compile(
    r"^\s*(?:export\s+)?([A-Z0-9_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY)[A-Z0-9_]*)\s*=\s*['\"]?([^'\"\s#]+)"
)
PLACEHOLDER = re.compile(
    r"^(?:x+|\*+|changeme|change_me|example\w*|your[\w-]*|<.*>|\$.*|\{.*|placeholder|dummy|test\w*|secret|password|todo|none|null|true|false)$",
    re.I,
)
TEMPLATES = (".example", ".sample", ".template", ".dist", ".md")
# AWS's documentation prints AKIAIOSFODNN7EXAMPLE as its sample key ID (IAM User Guide,
# "Manage access keys for IAM users", read 2026-11-25); gitleaks' sample allowlist names the
# same key. A key ID ending in EXAMPLE is documentation, not a credential.
DOCUMENTED_EXAMPLE = re.compile(r"EXAMPLE\w*$")
SKIP = (
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "poetry.lock",
    "uv.lock",
    "Cargo.lock",
    "go.sum",
)


def _is_env_file(name: str) -> bool:
    return name.startswith(".env") or name.endswith(".env")


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for path in sorted(repo.texts):
        name = path.rsplit("/", 1)[-1]
        if name in SKIP:
            continue
        text = repo.text(path)
        template = name.endswith(TEMPLATES)
        for kind, literals, pattern in KINDS:
            if not any(lit in text for lit in literals):
                continue
            for line, match in repo.grep(path, pattern):
                if match.lastindex and (template or PLACEHOLDER.match(match.group(1))):
                    continue  # a password that is an example or a placeholder
                if DOCUMENTED_EXAMPLE.search(match.group(0)):
                    continue
                yield Hit(path, line, f"{kind} committed (value not shown)")
        if _is_env_file(name) and not template:
            for line, match in repo.grep(path, ENV_SECRET):
                if not PLACEHOLDER.match(match.group(2)):
                    yield Hit(
                        path, line, f"{match.group(1)} has a value in the file (value not shown)"
                    )


RULE = AuditRule(
    id="AUD022",
    slug="secret-in-repository",
    title="No credentials are committed to the repository",
    rationale=(
        "A secret in git is readable by everyone with the repository, forever (it stays in the "
        "history after deletion), and leaked keys are abused within minutes of a push."
    ),
    impact="Account takeover, data theft, unexpected cloud bills.",
    fix="Revoke and rotate the credential now, remove it from the history, and load it from a secret store.",
    severity=ladder(Severity.high, Severity.critical, Severity.critical, Severity.critical),
    check=check,
    data_sensitive=True,
)
