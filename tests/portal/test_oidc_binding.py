"""OIDC accounts are bound to the provider's (issuer, subject) on their first OIDC sign-in,
against the real test provider on 127.0.0.1, on SQLite and PostgreSQL: a later sign-in
must present the same pair; the same email from another subject or another provider is
refused and recorded; an admin's unbinding lets the person's new identity bind."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text

from infragate.portal.security.sign_in import unbind_account
from infragate.portal.security.sign_in_record import Method, Outcome, SignIn
from infragate.store import tables as t
from infragate.store.engine import Store, open_store, upgrade
from tests.portal.helpers import account, recorded
from tests.portal.oidc_helpers import oidc_client, round_trip, shown, signed_in
from tests.portal.oidc_provider import Provider, running_provider

NIA = "nia@example.com"


def binding(store: Store, email: str = NIA) -> tuple[Any, Any]:
    with store.read() as conn:
        row = conn.execute(
            select(t.users.c.oidc_issuer, t.users.c.oidc_subject).where(t.users.c.email == email)
        ).one()
    return row.oidc_issuer, row.oidc_subject


def record(store: Store) -> list[SignIn]:
    return recorded(store)


def test_first_sign_in_binds_a_later_one_matches_another_subject_is_refused(
    store: Store, provider: Provider
) -> None:
    account(store, NIA, "Nia Okafor")
    assert binding(store) == (None, None)

    # the first OIDC sign-in binds the account to the provider's (issuer, sub)
    first = oidc_client(store, provider)
    assert round_trip(first, provider)[1].status_code == 303
    assert binding(store) == (provider.issuer, "u-1001")

    # a later sign-in presenting the same pair signs in; the binding stays as it was
    later = oidc_client(store, provider)
    assert round_trip(later, provider)[1].status_code == 303
    assert signed_in(later) and binding(store) == (provider.issuer, "u-1001")

    # the mailbox reassigned to another person: same verified email, another subject
    provider.person = {**provider.person, "sub": "u-2002", "name": "Someone Else"}
    other = oidc_client(store, provider)
    _, done = round_trip(other, provider)
    assert done.status_code == 401
    assert (
        f"the account {NIA} is bound to another identity than the one Test IdP gave now"
        in shown(done)
    )
    assert f"'infragate users unbind {NIA}'" in shown(done)
    assert "u-1001" not in done.text  # the bound person's identifier is not shown to them
    assert not signed_in(other)
    assert binding(store) == (provider.issuer, "u-1001")

    entries = [(e.outcome, e.email, e.oidc_subject) for e in record(store)]
    assert entries == [
        (Outcome.signed_in, NIA, "u-1001"),
        (Outcome.signed_in, NIA, "u-1001"),
        (Outcome.refused, NIA, "u-2002"),
    ]
    first_entry, _, refused = record(store)
    assert first_entry.detail == "bound the account to this identity (its first OIDC sign-in)"
    assert refused.detail == (
        f"the account is bound to issuer {provider.issuer} subject u-1001; "
        f"this sign-in presented issuer {provider.issuer} subject u-2002"
    )
    assert refused.user_id is not None and refused.client == "testclient"

    # an admin unbinds the account: the new identity binds on its next sign-in
    assert unbind_account(store, NIA, "adam") is not None
    assert binding(store) == (None, None)
    again = oidc_client(store, provider)
    assert round_trip(again, provider)[1].status_code == 303
    assert binding(store) == (provider.issuer, "u-2002")
    unbound = [e for e in record(store) if e.outcome is Outcome.unbound]
    assert [(e.email, e.oidc_subject, e.actor) for e in unbound] == [(NIA, "u-1001", "adam")]


def test_the_same_email_and_subject_from_another_issuer_is_refused(
    sqlite_store: Store, provider: Provider
) -> None:
    """A second tenant or provider that hands out the same email (and even the same sub)."""
    account(sqlite_store, NIA)
    assert round_trip(oidc_client(sqlite_store, provider), provider)[1].status_code == 303
    with running_provider() as second:
        assert second.issuer != provider.issuer
        client = oidc_client(sqlite_store, second)
        _, done = round_trip(client, second)
        assert done.status_code == 401
        assert "is bound to another identity" in shown(done)
        assert not signed_in(client)
    assert binding(sqlite_store) == (provider.issuer, "u-1001")


def test_an_identity_bound_to_one_account_does_not_open_another(
    sqlite_store: Store, provider: Provider
) -> None:
    """The provider changed the person's email to that of another (unbound) account: the
    identity stays with the account it opened first."""
    account(sqlite_store, NIA)
    account(sqlite_store, "ops@example.com")
    assert round_trip(oidc_client(sqlite_store, provider), provider)[1].status_code == 303
    provider.person = {**provider.person, "email": "ops@example.com"}
    client = oidc_client(sqlite_store, provider)
    _, done = round_trip(client, provider)
    assert done.status_code == 401
    assert f"opens the account {NIA} here, not ops@example.com" in shown(done)
    assert not signed_in(client)
    assert binding(sqlite_store, "ops@example.com") == (None, None)


def test_an_account_made_on_first_sign_in_is_bound_at_once(
    store: Store, provider: Provider
) -> None:
    client = oidc_client(store, provider, create=True)
    assert round_trip(client, provider)[1].status_code == 303
    assert binding(store) == (provider.issuer, "u-1001")
    made, entry = record(store)
    # the account made, by the person themselves, with the identity and the address
    assert (made.outcome, made.method, made.email, made.actor, made.client) == (
        Outcome.account_created,
        Method.oidc,
        NIA,
        NIA,
        "testclient",
    )
    assert made.detail == "made as a requester on their first sign-in through Test IdP"
    assert (made.oidc_issuer, made.oidc_subject) == (provider.issuer, "u-1001")
    assert made.user_id == entry.user_id is not None
    assert entry.outcome is Outcome.signed_in and entry.detail is not None
    assert "bound the account" in entry.detail
    # the next sign-in makes nothing
    assert round_trip(oidc_client(store, provider, create=True), provider)[1].status_code == 303
    assert [e.outcome for e in record(store)].count(Outcome.account_created) == 1


def test_an_account_made_before_bindings_existed_binds_at_its_next_sign_in(
    store_url: str, provider: Provider
) -> None:
    """Revision 0008 on a store with accounts: they are kept, unbound, and bind on their
    next OIDC sign-in."""
    store = open_store(store_url, migrate=False)
    try:
        upgrade(store, "0007")
        with store.write() as conn:
            conn.execute(
                text(
                    "INSERT INTO users (email, name, password_hash, is_admin, disabled, "
                    "created_at) VALUES (:e, 'Nia', '!oidc', false, false, '2026-01-01')"
                ),
                {"e": NIA},
            )
        upgrade(store)
        assert binding(store) == (None, None)
        assert round_trip(oidc_client(store, provider), provider)[1].status_code == 303
        assert binding(store) == (provider.issuer, "u-1001")
    finally:
        store.close()
