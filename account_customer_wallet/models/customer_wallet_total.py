# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import api, fields, models

# The wallet items of the changed journal items, as (partner, account, balance)
# rows: new rows count as they are, old rows count negated.
_CHANGES = {
    "new": "SELECT partner_id, account_id, balance FROM new_rows "
    "WHERE parent_state = 'posted' AND partner_id IS NOT NULL",
    "old": "SELECT partner_id, account_id, -balance FROM old_rows "
    "WHERE parent_state = 'posted' AND partner_id IS NOT NULL",
}

# Adds the changes of one statement on account_move_line to the totals of the
# wallet accounts, in partner order (two statements taking the same rows
# cannot deadlock). Changes that cancel out (an update of other columns of a
# posted wallet item) touch no total.
_APPLY = """
        INSERT INTO customer_wallet_total (partner_id, account_id, balance)
             SELECT partner_id, account_id, SUM(balance)
               FROM ({changes}) AS change (partner_id, account_id, balance)
              WHERE account_id IN (
                        SELECT customer_wallet_account_id
                          FROM res_company
                         WHERE customer_wallet_account_id IS NOT NULL
                    )
           GROUP BY partner_id, account_id
             HAVING SUM(balance) != 0
           ORDER BY partner_id, account_id
        ON CONFLICT (partner_id, account_id)
          DO UPDATE SET balance = customer_wallet_total.balance + EXCLUDED.balance;
"""

TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION customer_wallet_total_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {insert}
    ELSIF TG_OP = 'UPDATE' THEN
        {update}
    ELSE
        {delete}
    END IF;
    RETURN NULL;
END;
$$;
""".format(
    insert=_APPLY.format(changes=_CHANGES["new"]),
    update=_APPLY.format(changes=_CHANGES["new"] + " UNION ALL " + _CHANGES["old"]),
    delete=_APPLY.format(changes=_CHANGES["old"]),
)

# (trigger, event, transition tables)
_TRIGGERS = (
    ("customer_wallet_total_insert", "INSERT", "NEW TABLE AS new_rows"),
    (
        "customer_wallet_total_update",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
    ("customer_wallet_total_delete", "DELETE", "OLD TABLE AS old_rows"),
)
CREATE_TRIGGERS = tuple(
    f"""
    CREATE TRIGGER {name} AFTER {event} ON account_move_line
    REFERENCING {tables} FOR EACH STATEMENT
    EXECUTE FUNCTION customer_wallet_total_apply()
    """
    for name, event, tables in _TRIGGERS
)
DROP_TRIGGERS = tuple(
    f"DROP TRIGGER IF EXISTS {name} ON account_move_line" for name, _e, _t in _TRIGGERS
) + ("DROP FUNCTION IF EXISTS customer_wallet_total_apply()",)

# The same totals, read from the journal items themselves.
LEDGER_TOTALS = """
    SELECT line.partner_id, line.account_id, SUM(line.balance) AS balance
      FROM account_move_line line
     WHERE line.parent_state = 'posted'
       AND line.partner_id IS NOT NULL
       AND line.account_id IN (
               SELECT customer_wallet_account_id
                 FROM res_company
                WHERE customer_wallet_account_id IS NOT NULL
           )
  GROUP BY line.partner_id, line.account_id
"""


REBUILD = (
    "INSERT INTO customer_wallet_total (partner_id, account_id, balance) "
    + LEDGER_TOTALS
)

DRIFT = f"""
    SELECT COALESCE(total.partner_id, ledger.partner_id),
           COALESCE(total.account_id, ledger.account_id),
           total.balance, ledger.balance
      FROM (
               SELECT *
                 FROM customer_wallet_total
                WHERE account_id IN (
                          SELECT customer_wallet_account_id FROM res_company
                      )
           ) total
 FULL JOIN ({LEDGER_TOTALS}) ledger
        ON ledger.partner_id = total.partner_id
       AND ledger.account_id = total.account_id
     WHERE COALESCE(total.balance, 0) != COALESCE(ledger.balance, 0)
"""


def drop_triggers(cr):
    for query in DROP_TRIGGERS:
        cr.execute(query)


class CustomerWalletTotal(models.Model):
    """The sum of the posted journal items of a partner on a wallet account.

    Kept by the database itself: triggers on ``account_move_line`` add every
    change of a posted wallet item (posting, reset to draft, cancel, a new
    partner or amount, deletion, whatever writes it) to the total of its
    partner in the same transaction, under the lock of the total's row. The
    balance of ten thousand wallets then reads one row per partner instead of
    adding up their whole history. ``_customer_wallet_drift`` compares the
    totals with the journal items.
    """

    _name = "customer.wallet.total"
    _description = "Customer Wallet Total"
    _log_access = False
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Partner",
        required=True,
        readonly=True,
        ondelete="cascade",
        help="Partner of the journal items (a contact has a total of its own; the "
        "wallet of the commercial partner adds them up).",
    )
    account_id = fields.Many2one(
        comodel_name="account.account",
        string="Wallet Account",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    balance = fields.Float(
        readonly=True,
        # numeric, as the journal items' balance: exact sums, no rounding
        digits=0,
        help="Sum of the balances (debit minus credit) of the posted journal items "
        "of the partner on the account.",
    )

    _sql_constraints = [
        (
            "partner_account_unique",
            "unique(partner_id, account_id)",
            "A partner has a single total per wallet account.",
        ),
    ]

    def init(self):
        # On install and on each update: (re)create the triggers, then
        # recompute the totals from the journal items.
        drop_triggers(self.env.cr)
        self.env.cr.execute(TRIGGER_FUNCTION)
        for query in CREATE_TRIGGERS:
            self.env.cr.execute(query)
        self._customer_wallet_rebuild()

    @api.model
    def _customer_wallet_rebuild(self):
        """Recompute every total from the posted journal items.

        Needed only when the wallet account of a company changes: the
        triggers keep the totals of the current wallet accounts.
        """
        self.env["account.move.line"].flush_model()
        self.env["res.company"].flush_model(["customer_wallet_account_id"])
        self.env.cr.execute("DELETE FROM customer_wallet_total")
        self.env.cr.execute(REBUILD)
        self.invalidate_model()

    @api.model
    def _customer_wallet_drift(self):
        """Totals that differ from their journal items (there should be none).

        :return: list of (partner id, account id, total, sum of the journal items)
        """
        self.env["account.move.line"].flush_model()
        self.flush_model()
        self.env.cr.execute(DRIFT)
        return self.env.cr.fetchall()
