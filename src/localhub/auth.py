"""Who is calling, and what may they read and write.

Two modes:

- **Class** (``Authenticator.from_roster(path)``): users, their tokens and their organisations come from a
  roster file the teacher keeps (example: ``grading/hub_roster.example.yaml``).
- **Self-study** (``Authenticator.default()``): a single learner whose token is the one the course sets as
  ``HF_TOKEN``.

Decisions:

- A request without a token is *anonymous*: ``user_for(None)`` is None, which may read public repos and
  write nothing. It does not silently act as the learner, so a forgotten ``HF_TOKEN`` shows up at once as a
  clear 401 instead of as repos created under a surprising name.
- A token that is not known raises ``errors.Unauthorized`` whose message is exactly the one huggingface_hub
  recognises, so the client reports a bad token rather than a missing repo.
- A user may write to their own namespace and to the namespace of every organisation they belong to, and may
  read private repos only there.

Roster format (YAML)::

    users:
      - name: ada                      # required: the namespace, [A-Za-z0-9][A-Za-z0-9._-]*
        token: hf_ada_0123456789        # required: unique, at least 8 characters, no spaces
        fullname: Ada Lovelace          # optional (defaults to name)
        email: ada@example.org          # optional
        orgs: [class-2026]              # optional: organisations, listed per user

A top-level list of users (without ``users:``) is accepted too. Roster format (CSV): a header row with
``name,token`` and optionally ``fullname,email,orgs`` (other columns are ignored); several orgs in one cell
are separated by ``;`` or spaces. Mistakes (missing fields, duplicate names or tokens, bad names) raise
``RosterError`` naming the file, the line and the entry.
"""

from __future__ import annotations

import base64
import csv
import hmac
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Unauthorized

NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
DEFAULT_NAME = "learner"
DEFAULT_TOKEN = "hf_dcai_learner_token"
MIN_TOKEN_LENGTH = 8
ROSTER_FIELDS = ("name", "token", "fullname", "email", "orgs")


class RosterError(ValueError):
    """A roster file that cannot be used; the message names the file, the line and the entry."""


@dataclass(frozen=True)
class User:
    """A person who can call the Hub. ``is_default`` marks the self-study learner."""

    name: str
    fullname: str
    email: str
    orgs: tuple[str, ...]
    token: str
    is_default: bool = False

    def __repr__(self) -> str:  # never print tokens into logs
        return f"User(name={self.name!r}, orgs={self.orgs!r}, is_default={self.is_default})"


# -- roster parsing ---------------------------------------------------------------------------------------------
def _where(path: Path | str, line: int | None, index: int) -> str:
    place = f"{path}, line {line}" if line is not None else f"{path}"
    return f"{place} (entry {index + 1})"


def _split_orgs(value: Any, where: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        items: list[Any] = [item for item in re.split(r"[;,\s]+", value) if item]
    elif isinstance(value, list):
        items = value
    else:
        raise RosterError(f"{where}: 'orgs' must be a list of organisation names, got {type(value).__name__}")
    for org in items:
        if not isinstance(org, str) or not NAME_RE.fullmatch(org):
            raise RosterError(f"{where}: invalid organisation name {org!r} (letters, digits, '.', '_', '-')")
    return tuple(dict.fromkeys(items))


def _user_from_entry(entry: Any, where: str) -> User:
    """Build one User from a roster entry, checking every field."""
    if not isinstance(entry, dict):
        raise RosterError(f"{where}: each user must be a mapping with at least 'name' and 'token'")
    unknown = sorted(set(map(str, entry)) - set(ROSTER_FIELDS))
    if unknown:
        raise RosterError(f"{where}: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(ROSTER_FIELDS)})")
    name, token = entry.get("name"), entry.get("token")
    for field, value in (("name", name), ("token", token)):
        if value is None or (isinstance(value, str) and not value.strip()):
            raise RosterError(f"{where}: missing required field '{field}'")
        if not isinstance(value, str):
            raise RosterError(f"{where}: '{field}' must be a string, got {value!r}")
    assert isinstance(name, str) and isinstance(token, str)
    name, token = name.strip(), token.strip()
    if not NAME_RE.fullmatch(name) or name.endswith(".git"):
        raise RosterError(
            f"{where}: invalid user name {name!r} (letters, digits, '.', '_', '-'; starts with a letter or digit)"
        )
    if len(token) < MIN_TOKEN_LENGTH or any(ch.isspace() for ch in token):
        raise RosterError(f"{where}: token for {name!r} must be at least {MIN_TOKEN_LENGTH} characters without spaces")
    if token.startswith("api_org"):
        raise RosterError(
            f"{where}: token for {name!r} starts with 'api_org', which huggingface_hub refuses as an organisation token"
        )
    fullname = entry.get("fullname") or name
    email = entry.get("email") or ""
    if not isinstance(fullname, str) or not isinstance(email, str):
        raise RosterError(f"{where}: 'fullname' and 'email' must be strings")
    return User(
        name=name,
        fullname=fullname.strip(),
        email=email.strip(),
        orgs=_split_orgs(entry.get("orgs"), where),
        token=token,
    )


def _yaml_entries(text: str, path: Path | str) -> list[tuple[Any, int | None]]:
    """The roster's user entries with their 1-based line numbers (from the YAML node marks)."""
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise RosterError(f"{path}{line}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    seq_node = root
    if isinstance(data, dict):
        if "users" not in data:
            raise RosterError(f"{path}: expected a top-level 'users:' list")
        data = data["users"]
        seq_node = next(v for k, v in root.value if k.value == "users")  # type: ignore[union-attr]
    if not isinstance(data, list) or not data:
        raise RosterError(f"{path}: 'users' must be a non-empty list of users")
    lines = [item.start_mark.line + 1 for item in seq_node.value]  # type: ignore[union-attr]
    return list(zip(data, lines))


def _csv_entries(text: str, path: Path | str) -> list[tuple[Any, int | None]]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        raise RosterError(f"{path}: empty CSV roster (expected a header row with name,token)")
    header = [field.strip() for field in reader.fieldnames]
    missing = [field for field in ("name", "token") if field not in header]
    if missing:
        raise RosterError(f"{path}, line 1: CSV header lacks column(s) {', '.join(missing)}")
    entries: list[tuple[Any, int | None]] = []
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # blank line
        if None in row:
            raise RosterError(f"{path}, line {reader.line_num}: more cells than header columns")
        # extra spreadsheet columns (student id, notes...) are ignored; only roster fields are read
        cleaned = {
            key.strip(): value.strip()
            for key, value in row.items()
            if key.strip() in ROSTER_FIELDS and isinstance(value, str) and value.strip()
        }
        entries.append((cleaned, reader.line_num))
    if not entries:
        raise RosterError(f"{path}: the CSV roster has no users")
    return entries


def parse_roster(text: str, path: Path | str = "<roster>", fmt: str | None = None) -> list[User]:
    """Users from roster text (``fmt`` "yaml" or "csv", guessed from the path suffix when None)."""
    fmt = fmt or ("csv" if str(path).lower().endswith(".csv") else "yaml")
    entries = _csv_entries(text, path) if fmt == "csv" else _yaml_entries(text, path)
    users: list[User] = []
    names: dict[str, str] = {}
    tokens: dict[str, str] = {}
    for index, (entry, line) in enumerate(entries):
        where = _where(path, line, index)
        user = _user_from_entry(entry, where)
        key = user.name.lower()
        if key in names:
            raise RosterError(f"{where}: duplicate user name {user.name!r} (first at {names[key]})")
        if user.token in tokens:
            raise RosterError(f"{where}: token of {user.name!r} is already used by {tokens[user.token]!r}")
        names[key], tokens[user.token] = where, user.name
        users.append(user)
    clashes = sorted({org for user in users for org in user.orgs if org.lower() in names})
    if clashes:
        raise RosterError(
            f"{path}: organisation name(s) {', '.join(clashes)} are also user names; a namespace "
            f"must be one or the other"
        )
    return users


# -- the authenticator ------------------------------------------------------------------------------------------
class Authenticator:
    """Maps Authorization headers to users and answers read/write questions."""

    def __init__(self, users: Iterable[User]) -> None:
        self.users: tuple[User, ...] = tuple(users)
        self._by_token = {user.token: user for user in self.users}
        self._by_name = {user.name: user for user in self.users}

    @classmethod
    def from_roster(cls, path: Path | str) -> Authenticator:
        """A class: users from a YAML or CSV roster file (see the module docstring for the format)."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise RosterError(f"{path}: roster file not found") from None
        return cls(parse_roster(text, path))

    @classmethod
    def default(cls, name: str = DEFAULT_NAME, token: str = DEFAULT_TOKEN) -> Authenticator:
        """Self-study: one learner whose token the course sets as HF_TOKEN."""
        user = _user_from_entry({"name": name, "token": token}, "default learner")
        return cls([User(name=user.name, fullname=user.fullname, email="", orgs=(), token=user.token, is_default=True)])

    def get(self, name: str) -> User | None:
        """The user called ``name``, if any."""
        return self._by_name.get(name)

    @property
    def organizations(self) -> tuple[str, ...]:
        """Every organisation named in the roster, sorted."""
        return tuple(sorted({org for user in self.users for org in user.orgs}))

    def user_for(self, authorization_header: str | None, *, basic: bool = False) -> User | None:
        """The caller: None when anonymous; raises Unauthorized for an unknown or malformed credential.

        ``basic`` also accepts ``Basic base64(user:token)``, what git and git-lfs send (the routes under
        ``/{repo}.git/...``): as on huggingface.co the password is the token and the user name is not trusted
        (a token given as the user name with an empty password is accepted too).
        """
        if authorization_header is None or not authorization_header.strip():
            return None
        scheme, _, token = authorization_header.strip().partition(" ")
        token = token.strip()
        if basic and scheme.lower() == "basic":
            token = _basic_token(token)
        elif scheme.lower() != "bearer":
            raise Unauthorized()
        if not token:
            raise Unauthorized()
        user = self._by_token.get(token)
        if user is None:
            # compare against every token anyway, so timing does not reveal near-misses
            for known in self._by_token:
                hmac.compare_digest(known.encode(), token.encode("utf-8", "replace"))
            raise Unauthorized()
        return user

    @staticmethod
    def can_write(user: User | None, namespace: str) -> bool:
        """Own namespace, or an organisation the user belongs to. Anonymous callers write nothing."""
        return user is not None and (namespace == user.name or namespace in user.orgs)

    @classmethod
    def can_read(cls, user: User | None, namespace: str, private: bool) -> bool:
        """Public repos: everyone. Private repos: whoever may write to the namespace."""
        return not private or cls.can_write(user, namespace)


def _basic_token(credentials: str) -> str:
    """The token in a Basic credential: the password, or the user name when the password is empty."""
    try:
        decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise Unauthorized() from None
    user, _, password = decoded.partition(":")
    return (password or user).strip()


def whoami_payload(user: User) -> dict[str, Any]:
    """The /api/whoami-v2 body; its shape lives with the API's other shapes (wire.whoami)."""
    from .wire import whoami

    return whoami(user)


__all__ = ["DEFAULT_NAME", "DEFAULT_TOKEN", "Authenticator", "RosterError", "User", "parse_roster", "whoami_payload"]
