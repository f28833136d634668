# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import api, fields, models

# The wallet accounts of the companies.
_WALLET_ACCOUNTS = """
    SELECT customer_wallet_account_id
      FROM res_company
     WHERE customer_wallet_account_id IS NOT NULL
"""

# The posted wallet items among the changed journal items, as (partner,
# account, balance) rows: new rows count as they are, old rows negated.
_CHANGES = {
    "new": "SELECT partner_id, account_id, balance FROM new_rows "
    "WHERE parent_state = 'posted' AND partner_id IS NOT NULL",
    "old": "SELECT partner_id, account_id, -balance FROM old_rows "
    "WHERE parent_state = 'posted' AND partner_id IS NOT NULL",
}

# Adds the changes of one statement on account_move_line to the totals of the
# wallets (commercial partners) on the wallet accounts, in wallet order: two
# statements taking the same rows cannot deadlock. Changes that cancel out (an
# update of other columns of a posted wallet item) touch no total.
_APPLY = f"""
        INSERT INTO customer_wallet_total (partner_id, account_id, balance)
             SELECT COALESCE(partner.commercial_partner_id, partner.id),
                    change.account_id, SUM(change.balance)
               FROM ({{changes}}) AS change (partner_id, account_id, balance)
               JOIN res_partner partner ON partner.id = change.partner_id
              WHERE change.account_id IN ({_WALLET_ACCOUNTS})
           GROUP BY 1, 2
             HAVING SUM(change.balance) != 0
           ORDER BY 1, 2
        ON CONFLICT (partner_id, account_id)
          DO UPDATE SET balance = customer_wallet_total.balance + EXCLUDED.balance;
"""

ITEMS_FUNCTION = """
CREATE OR REPLACE FUNCTION customer_wallet_total_items() RETURNS trigger
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

# A partner joining another wallet (a new parent, a parent that is no longer
# a company...) takes its posted items along. Both wallets' rows are written
# even when the partner has no items: a journal item of the partner booked
# at the same time then conflicts with this change (and is retried) instead
# of going to the wallet the partner is leaving. A wallet whose partner is
# being deleted gets nothing (its total goes with it).
PARTNER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION customer_wallet_total_partner() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO customer_wallet_total (partner_id, account_id, balance)
         SELECT wallet.id, account.id, wallet.sign * COALESCE((
                    SELECT SUM(line.balance)
                      FROM account_move_line line
                     WHERE line.partner_id = NEW.id
                       AND line.account_id = account.id
                       AND line.parent_state = 'posted'
                ), 0)
           FROM ({_WALLET_ACCOUNTS}) AS account (id)
     CROSS JOIN (
                    VALUES (COALESCE(OLD.commercial_partner_id, OLD.id), -1),
                           (COALESCE(NEW.commercial_partner_id, NEW.id), 1)
                ) AS wallet (id, sign)
          WHERE EXISTS (SELECT 1 FROM res_partner WHERE id = wallet.id)
       ORDER BY 1, 2
    ON CONFLICT (partner_id, account_id)
      DO UPDATE SET balance = customer_wallet_total.balance + EXCLUDED.balance;
    RETURN NULL;
END;
$$;
"""

CREATE_TRIGGERS = (
    ITEMS_FUNCTION,
    PARTNER_FUNCTION,
    """
    CREATE TRIGGER customer_wallet_total_insert AFTER INSERT ON account_move_line
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_wallet_total_items()
    """,
    """
    CREATE TRIGGER customer_wallet_total_update AFTER UPDATE ON account_move_line
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_wallet_total_items()
    """,
    """
    CREATE TRIGGER customer_wallet_total_delete AFTER DELETE ON account_move_line
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_wallet_total_items()
    """,
    """
    CREATE TRIGGER customer_wallet_total_partner
    AFTER UPDATE OF commercial_partner_id ON res_partner FOR EACH ROW
    WHEN (
        COALESCE(OLD.commercial_partner_id, OLD.id)
        IS DISTINCT FROM COALESCE(NEW.commercial_partner_id, NEW.id)
    )
    EXECUTE FUNCTION customer_wallet_total_partner()
    """,
)
DROP_TRIGGERS = (
    "DROP TRIGGER IF EXISTS customer_wallet_total_insert ON account_move_line",
    "DROP TRIGGER IF EXISTS customer_wallet_total_update ON account_move_line",
    "DROP TRIGGER IF EXISTS customer_wallet_total_delete ON account_move_line",
    "DROP TRIGGER IF EXISTS customer_wallet_total_partner ON res_partner",
    "DROP FUNCTION IF EXISTS customer_wallet_total_items()",
    "DROP FUNCTION IF EXISTS customer_wallet_total_partner()",
)

# The same totals, read from the journal items themselves.
LEDGER_TOTALS = f"""
    SELECT COALESCE(partner.commercial_partner_id, partner.id) AS partner_id,
           line.account_id, SUM(line.balance) AS balance
      FROM account_move_line line
      JOIN res_partner partner ON partner.id = line.partner_id
     WHERE line.parent_state = 'posted'
       AND line.account_id IN ({_WALLET_ACCOUNTS})
  GROUP BY 1, 2
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
                WHERE account_id IN ({_WALLET_ACCOUNTS})
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
    """The sum of the posted journal items of a wallet on a wallet account.

    A wallet is a commercial partner: its items are those of the partner and
    of its contacts. The totals are kept by the database itself: triggers add
    every change of a posted wallet item (posting, reset to draft,
    cancellation, a new partner or amount, a deletion, whatever writes it) to
    the total of its wallet in the same transaction, and move the items of a
    partner that joins another wallet. A change waits for the lock of the
    total's row, so two changes of one wallet are serialised, and under
    REPEATABLE READ the second one fails and is retried. Reading ten thousand
    balances then reads ten thousand rows instead of the whole history of the
    wallets. ``_customer_wallet_drift`` compares the totals with the journal
    items.
    """

    _name = "customer.wallet.total"
    _description = "Customer Wallet Total"
    _log_access = False
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Wallet",
        required=True,
        readonly=True,
        ondelete="cascade",
        help="Commercial partner whose wallet holds the journal items of the "
        "partner and of its contacts.",
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
        "of the wallet on the account.",
    )

    _sql_constraints = [
        (
            "partner_account_unique",
            "unique(partner_id, account_id)",
            "A wallet has a single total per wallet account.",
        ),
    ]

    def init(self):
        # On install and on each update: (re)create the triggers, then
        # recompute the totals from the journal items.
        drop_triggers(self.env.cr)
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
        self.env["res.partner"].flush_model(["commercial_partner_id"])
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
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.flush_model()
        self.env.cr.execute(DRIFT)
        return self.env.cr.fetchall()
