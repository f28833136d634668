# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The point of sale's part of the switch from Coop IT Easy's modules (see
``account_customer_wallet/switch.py``): their wallet payment methods made
what these addons require. Each step changes only what does not fit, so it
is a no-op on a database that runs these addons already.

Their module's orders of a session still open need nothing: their wallet
payments and top-up lines are pending movements here as there, and the
closing books them once, one item per member.
"""
import logging

from odoo import _
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# A wallet payment method identifies the customer: the closing books each
# member's wallet payments on their wallet.
SPLIT_WALLET_METHODS = """
    UPDATE pos_payment_method method
       SET split_transactions = TRUE
      FROM account_journal journal
     WHERE journal.id = method.journal_id
       AND journal.is_customer_wallet_journal
       AND NOT COALESCE(method.split_transactions, FALSE)
 RETURNING method.name
"""

# Wallet payment methods on a cash journal (their setup allowed it), and the
# sessions not closed yet of the tills that have them.
CASH_WALLET_METHODS = """
    SELECT method.id, method.name, journal.id, journal.name,
           ARRAY(
               SELECT DISTINCT session.name
                 FROM pos_config_pos_payment_method_rel rel
                 JOIN pos_session session
                   ON session.config_id = rel.pos_config_id
                WHERE rel.pos_payment_method_id = method.id
                  AND session.state != 'closed'
           )
      FROM pos_payment_method method
      JOIN account_journal journal ON journal.id = method.journal_id
     WHERE journal.is_customer_wallet_journal
       AND journal.type = 'cash'
  ORDER BY method.id
"""
# Such a journal becomes a bank journal: no cash count, no cash drawer.
BANK_JOURNALS = """
    UPDATE account_journal SET type = 'bank' WHERE id = ANY(%(journals)s)
"""
NOT_CASH_COUNT = """
    UPDATE pos_payment_method
       SET is_cash_count = FALSE
     WHERE journal_id = ANY(%(journals)s)
"""


def _jsonb_name(name):
    """A translatable name (jsonb) read in English."""
    if isinstance(name, dict):
        return name.get("en_US") or next(iter(name.values()), "")
    return name


def check_cash_journals(cr):
    """Convert the cash wallet journals of wallet payment methods to bank
    journals, or refuse the update while a session using one is open.

    :return: the names of the converted journals
    """
    cr.execute(CASH_WALLET_METHODS)
    rows = cr.fetchall()
    for _method_id, method, _journal_id, journal, sessions in rows:
        if sessions:
            raise UserError(
                _(
                    "The wallet payment method %(method)s uses the cash journal "
                    "%(journal)s, which these addons book as a bank journal: close "
                    "the sessions %(sessions)s, then run the update again.",
                    method=_jsonb_name(method),
                    journal=_jsonb_name(journal),
                    sessions=", ".join(sessions),
                )
            )
    journals = sorted({row[2] for row in rows})
    if journals:
        cr.execute(BANK_JOURNALS, {"journals": journals})
        cr.execute(NOT_CASH_COUNT, {"journals": journals})
        _logger.warning(
            "customer wallet: the wallet journals %s are now bank journals",
            ", ".join(sorted({_jsonb_name(row[3]) for row in rows})),
        )
    return sorted({_jsonb_name(row[3]) for row in rows})


def pre_migrate(cr, version):
    """Wallet payment methods that identify the customer, on bank journals.

    :return: (names of the methods now identifying the customer, names of
        the journals converted to bank journals)
    """
    journals = check_cash_journals(cr)
    cr.execute(SPLIT_WALLET_METHODS)
    methods = [_jsonb_name(row[0]) for row in cr.fetchall()]
    if methods:
        _logger.warning(
            "customer wallet: the wallet payment methods %s now identify the "
            "customer",
            ", ".join(methods),
        )
    return methods, journals
