# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Markers of the addons' own paths that change posted wallet items.

Every change of posted wallet items is checked by ``account.move`` and
``account.move.line`` (see ``customer.wallet.ledger._guard_items``): a debit
is locked and checked against the limit, a credit needs a wallet manager. The
addons' own flows (a point of sale session closing, an account manager's
confirmed correction, the payment of a top-up invoice) run with one of the markers below in
the context under ``CONTEXT_KEY``.

A client can pass any context over JSON-RPC, but only JSON values: a marker
is a Python object that JSON cannot produce, checked with ``isinstance``, and
set only by the private code named on it.
"""

CONTEXT_KEY = "customer_wallet_flow"


class WalletFlow:
    """An own flow of the addons: its credits need no wallet manager."""

    __slots__ = ()

    def allows_credit(self, move):
        return True

    def exempts_limit(self, move):
        """Whether the debits of ``move`` were checked before (none by default)."""
        return False

    def confirms_overdraft(self, move):
        """Whether an account manager confirmed that ``move`` may overdraw."""
        return False


class Correction(WalletFlow):
    """Set by ``customer.wallet.correction.action_confirm`` around the entries
    that an account manager confirmed may take wallets below their limit."""

    __slots__ = ("move_ids",)

    def __init__(self, move_ids):
        self.move_ids = frozenset(move_ids)

    def allows_credit(self, move):
        return False

    def confirms_overdraft(self, move):
        return move.id in self.move_ids or move.reversed_entry_id.id in self.move_ids

    def __repr__(self):
        return "<customer wallet: correction of %s>" % sorted(self.move_ids)


class TopUpPayment(WalletFlow):
    """Set by ``account.move._customer_wallet_settle_top_ups`` around the
    entries moving the top-ups of paid (or no longer paid) invoices between
    the account of top-ups awaiting payment and the wallets."""

    __slots__ = ()

    def __repr__(self):
        return "<customer wallet: top-up invoices settled>"


def marker(env):
    """The marker of the flow the environment runs in, or None."""
    value = env.context.get(CONTEXT_KEY)
    return value if isinstance(value, WalletFlow) else None
