# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Markers of the server's own paths through frozen point of sale records.

Once a point of sale order that moves a wallet has reached the server, its
customer, state, session, company and invoice, its wallet payments and its
top-up lines are frozen (see ``pos.order._customer_wallet_guard``). Core's
own flows still change them: the order sync, the backend payment wizard, the
session closing. They run with one of the markers below in the context under
``CONTEXT_KEY``.

A client can pass any context over JSON-RPC, but only JSON values: a marker is
a Python object that JSON cannot produce, checked with ``is`` or
``isinstance``, and set only by the override named on it, around the core
method it trusts.
"""

from odoo.addons.account_customer_wallet.flow import WalletFlow

CONTEXT_KEY = "customer_wallet_guard"


class _OrderSync:
    """Set by ``pos.order.create_from_ui`` around core's order sync."""

    __slots__ = ()

    def __repr__(self):
        return "<customer wallet: order sync>"


ORDER_SYNC = _OrderSync()


class PaymentWizard:
    """Set by ``pos.make.payment.check`` around core's check of one order,
    whose wallet is locked and checked against its limit by the override."""

    __slots__ = ("order_id",)

    def __init__(self, order_id):
        self.order_id = order_id

    def allows_state(self, order, state):
        # the payment completes the draft order: core marks it paid
        return order.id == self.order_id and order.state == "draft" and state == "paid"


class SessionClosing(WalletFlow):
    """Set by ``pos.session._validate_session`` around core's closing, under
    this module's ``CONTEXT_KEY`` and as the account wallet flow.

    The closing posts the session's entry: it books the wallet payments and
    top-ups of the orders, each checked under the wallet lock when it reached
    the server (an offline overdraft is flagged on its order), so posting it
    changes no balance and must not be refused, nor wait for the wallets'
    locks. Only the closing is exempt: its entry is never reset later (see
    ``account.move.write``). Once the entry is posted, core marks the paid
    orders of the session done.
    """

    __slots__ = ("session_id",)

    def __init__(self, session_id):
        self.session_id = session_id

    def __repr__(self):
        return "<customer wallet: closing of session %s>" % self.session_id

    def _is_session_entry(self, move):
        session = move.env["pos.session"].sudo().browse(self.session_id)
        return bool(move.id) and session.move_id == move

    def allows_credit(self, move):
        return self._is_session_entry(move)

    def exempts_limit(self, move):
        return self._is_session_entry(move)

    def allows_state(self, order, state):
        session = order.session_id
        return (
            session.id == self.session_id
            and session.state != "closed"
            and session.move_id.state == "posted"
            and order.state == "paid"
            and state == "done"
        )


def marker(env):
    """The marker of the path the environment runs in, or None."""
    value = env.context.get(CONTEXT_KEY)
    if value is ORDER_SYNC or isinstance(value, (PaymentWizard, SessionClosing)):
        return value
    return None


def in_order_sync(env):
    return env.context.get(CONTEXT_KEY) is ORDER_SYNC


def record_id(value):
    """The id of a many2one value given to create or write."""
    return value.id if hasattr(value, "_name") else value


def command_ids(commands, current=()):
    """The ids a list of many2many commands leaves, from ``current``."""
    ids = list(current)
    for command in commands or []:
        if not isinstance(command, (list, tuple)):
            # a bare id
            ids.append(command)
            continue
        code = command[0]
        if code == 6:
            ids = list(command[2] or [])
        elif code == 5:
            ids = []
        elif code == 4:
            ids.append(command[1])
        elif code in (2, 3):
            ids = [id_ for id_ in ids if id_ != command[1]]
        elif code == 0:
            # a new record (a new tax): not one of the ids, but there
            ids.append(0)
    return sorted(set(ids))
