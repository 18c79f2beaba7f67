"""`NAME = value` where the name says secret: in code, config, env files, shell, CI, compose,
Dockerfiles and Kubernetes `env:` lists. Whether the value is a credential is decided in
`values`, how sure we are by where the file sits (`places`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from infragate.audit import lazyre
from infragate.audit.secrets.formats import is_invalid_token
from infragate.audit.secrets.places import Place
from infragate.audit.secrets.values import is_stand_in, looks_random

# The stems that must occur on a line before the assignment regex runs on it.
BASE_STEMS = ("secret", "pass", "pwd", "token", "credential")
KEY_STEMS = ("apikey", "api_key", "access_key", "accesskey", "private_key", "privatekey",
             "auth_key", "authkey", "signing_key", "encryption_key", "master_key",
             "session_key", "sessionkey")  # fmt: skip
SECRET_NAME = lazyre.compile(
    r"(?:^|_)(?:secret|secrets|password|passwd|passphrase|pass|token|api_?key|apikey|"
    r"access_?key|accesskey|private_?key|privatekey|secret_?key|secretkey|auth_?key|"
    r"signing_?key|encryption_?key|master_?key|session_?key|credentials?|[a-z]+_pwd|"
    r"authtoken|accesstoken|refreshtoken|secret_?token)(?:_|$)"
    r"|[a-z0-9](?:password|passwd|secret|token|apikey)(?:_|$)"  # PGPASSWORD, clientsecret
)
# Tokens that are not credentials: pagination, cancellation, CSRF, a parser's tokens.
NOT_SECRET_TOKEN = lazyre.compile(
    r"(?:^|_)(?:page|next|continuation|cancellation|sync|csrf|xsrf|cursor|lexer|parser|push|"
    r"device)_?tokens?(?:_|$)"
)
# Words after the secret word that make the name about the secret, not the secret itself:
# TOKEN_EXPIRE_MINUTES, PASSWORD_FILE, SECRET_NAME, API_KEY_HEADER.
NOT_SECRET = lazyre.compile(
    r"(?:^|_)(?:file|files|path|paths|dir|name|names|id|ids|url|uri|urls|endpoint|length|len|"
    r"min|max|ttl|expiry|expire|expires|expiration|lifetime|timeout|minutes|seconds|hours|"
    r"days|ms|enabled|enable|disabled|required|policy|policies|hash|hashed|hasher|hashers|"
    r"rotation|prefix|suffix|regex|pattern|label|hint|reset|confirm|confirmation|count|var|"
    r"field|header|param|type|kind|mode|format|version|arn|ref|location|store|provider|"
    r"backend|class|source|audience|issuer|algorithm|alg|scope|scopes|validators?|strength|"
    r"age|duration|limit|size|placeholder|input|form|help|description|message|error|title|"
    r"route|handler|callback|method|template|command|cmd|flag|mask|storage|cache|generator|"
    r"manager|service|usage|env|key_id|bucket|region|account|csrf)(?:_|$)"
)
# A key starts where a word starts: one match attempt per word, not per character.
KEY = r"""(?<![A-Za-z0-9_.\-])(?P<key>[A-Za-z_][A-Za-z0-9_.\-]*)"""
VALUE = r"""(?:"(?P<dq>[^"\n]*)"|'(?P<sq>[^'\n]*)'|`(?P<bq>[^`\n]*)`|(?P<bare>[^\s"'`,;#]+))"""
ASSIGNMENT = lazyre.compile(
    KEY + r"""["'\]]?\s*(?P<op>:=|=>|(?<![=!<>])=(?!=)|:(?![:/]))[ \t]*""" + VALUE
)
DOCKER_ENV = lazyre.compile(r"^\s*ENV\s+" + KEY + r"\s+" + VALUE)
CLI_FLAG = lazyre.compile(r"--(?P<key>password|passwd|token|secret|api-key|access-key)[= ]" + VALUE)
YAML_NAME = lazyre.compile(r"^\s*-?\s*name:\s*[\"']?(?P<name>[A-Za-z_][A-Za-z0-9_]*)")
YAML_VALUE = lazyre.compile(r"^\s*value:\s*" + VALUE)
# ${NAME:-default} in compose and shell: the default is what runs when NAME is unset.
DEFAULTED = lazyre.compile(r"^\$\{\w+:?-(?P<default>[^}]+)\}$")
COMMENT = lazyre.compile(r"^\s*(?:#|//|--\s|;|\*\s|/\*|<!--)")  # not `--password=...`
# In these languages a bare word after `=` is an identifier or an expression, not a literal.
CODE_SUFFIXES = (
    ".py", ".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".go", ".java", ".kt", ".kts", ".rb",
    ".php", ".cs", ".rs", ".swift", ".scala", ".c", ".cc", ".cpp", ".h", ".hpp", ".dart",
    ".ex", ".exs", ".lua", ".groovy", ".gradle", ".vue", ".svelte", ".tf", ".hcl", ".rake",
    ".erb", ".haml", ".slim", "Jenkinsfile", "Rakefile", "Gemfile",
)  # fmt: skip


def is_code(path: str) -> bool:
    return path.endswith(CODE_SUFFIXES)


@dataclass(frozen=True)
class Assigned:
    key: str
    start: int  # the value's span in the line
    end: int
    confidence: str


def is_secret_name(key: str) -> bool:
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key.rsplit(".", 1)[-1])
    name = re.sub(r"[^a-z0-9]+", "_", snake.lower()).strip("_")
    if not SECRET_NAME.search(name) or NOT_SECRET_TOKEN.search(name):
        return False
    # Judge only what follows the last secret word: DB_PASSWORD_FILE is a path.
    tail = name[max(m.end() for m in SECRET_NAME.finditer(name)) - 1 :]
    return not NOT_SECRET.search(tail)


def _value(match: re.Match[str]) -> tuple[str, int, bool] | None:
    for group in ("dq", "sq", "bq"):
        if match.group(group) is not None:
            return match.group(group), match.start(group), True
    if match.group("bare") is not None:
        return match.group("bare"), match.start("bare"), False
    return None


def confidence(value: str, place: Place) -> str:
    """How sure a literal under a secret name is a live credential, by where it sits:
    a deploy reads it (any real value), application code and templates (random-looking values
    only: a generated key in a template is copied into every deployment), a developer's
    machine (not reported)."""
    if place is Place.operations:
        return "high" if looks_random(value) else "medium"
    if place in (Place.ordinary, Place.template) and looks_random(value):
        return "medium"
    return "low"


def demoted(level: str) -> str:
    """A commented-out line is read by nothing: one step less sure."""
    return {"high": "medium", "medium": "low"}.get(level, "low")


def _judge(key: str, match: re.Match[str], path: str, place: Place) -> Assigned | None:
    if not is_secret_name(key):
        return None
    found = _value(match)
    if found is None:
        return None
    value, start, quoted = found
    defaulted = DEFAULTED.match(value)
    if defaulted:
        value, start, quoted = defaulted.group("default"), start + defaulted.start("default"), True
    if not quoted and is_code(path):
        return None  # an identifier or an expression
    if (
        any(c.isspace() for c in value)
        or is_stand_in(value, key, quoted)
        or is_invalid_token(value)
    ):
        return None
    level = confidence(value, place)
    if COMMENT.match(match.string):
        level = demoted(level)
    return Assigned(key, start, start + len(value), level)


def _line_at(text: str, start: int) -> tuple[str, int]:
    """The line that starts at `start`, and where the next one starts (-1 at the end)."""
    end = text.find("\n", start)
    return (text[start:], -1) if end == -1 else (text[start:end], end + 1)


def find(path: str, text: str, start: int, place: Place) -> tuple[int, Assigned] | None:
    """The secret assigned on the line that starts at offset `start`, if any, with the
    offset of the line it is on. Works on offsets: most files are never split into lines."""
    line, following = _line_at(text, start)
    if is_code(path) and not any(q in line for q in "\"'`"):
        return None  # in code a literal is quoted: `password = var.db_password` is not one
    for pattern in (DOCKER_ENV, CLI_FLAG):
        match = pattern.search(line)
        if match:
            judged = _judge(match.group("key"), match, path, place)
            return (start, judged) if judged else None
    for match in ASSIGNMENT.finditer(line):
        judged = _judge(match.group("key"), match, path, place)
        if judged is not None:
            return start, judged
    name = YAML_NAME.match(line)
    if name is not None:
        # Kubernetes and compose `env:` lists: `- name: DB_PASSWORD` then `value: ...`.
        for _ in range(2):
            if following == -1:
                break
            at = following
            ahead, following = _line_at(text, at)
            value = YAML_VALUE.match(ahead)
            if value is not None:
                judged = _judge(name.group("name"), value, path, place)
                return (at, judged) if judged else None
    return None


def candidate_line_starts(text: str) -> list[int]:
    """Offsets of the lines that contain a secret stem, each once, in order.
    Substring searches, not a regex: this runs over every file."""
    lowered = text.lower()
    stems = [s for s in BASE_STEMS if s in lowered]
    if "key" in lowered:
        stems += [s for s in KEY_STEMS if s in lowered]
    starts: set[int] = set()
    for stem in stems:
        position = lowered.find(stem)
        while position != -1:
            starts.add(lowered.rfind("\n", 0, position) + 1)
            position = lowered.find(stem, position + len(stem))
    return sorted(starts)
