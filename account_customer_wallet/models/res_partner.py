# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import operator as py_operator

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_repr
from odoo.tools.misc import format_amount

# Comparison operators the balance can be searched with: Python and SQL spelling.
WALLET_SEARCH_OPERATORS = {
    "=": (py_operator.eq, "="),
    "!=": (py_operator.ne, "<>"),
    "<": (py_operator.lt, "<"),
    "<=": (py_operator.le, "<="),
    ">": (py_operator.gt, ">"),
    ">=": (py_operator.ge, ">="),
}


def sql_id_array(ids):
    """The ids as one PostgreSQL array literal, to cast with ``::integer[]``.

    psycopg2 adapts a list element by element: for the ten thousand partners
    a point of sale loads, that took longer than the query using them.
    """
    return "{%s}" % ",".join(map(str, map(int, ids)))


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_wallet_balance = fields.Monetary(
        string="Wallet Balance",
        compute="_compute_customer_wallet_balance",
        search="_search_customer_wallet_balance",
        currency_field="customer_wallet_currency_id",
        groups="account_customer_wallet.group_customer_wallet_user",
        help="Money the company owes to this customer (and its contacts): minus "
        "the posted journal items on the wallet account, in company currency.",
    )
    customer_wallet_currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_customer_wallet_currency_id",
    )

    @api.depends_context("company")
    def _compute_customer_wallet_currency_id(self):
        self.customer_wallet_currency_id = self.env.company.currency_id

    @api.depends_context("company")
    def _compute_customer_wallet_balance(self):
        real = self.filtered("id")
        balances = real._customer_wallet_partner_balances(self.env.company)
        for partner in real:
            partner.customer_wallet_balance = balances.get(partner.id, 0.0)
        (self - real).customer_wallet_balance = 0.0

    # ------------------------------------------------------------------
    # Balance
    # ------------------------------------------------------------------

    def _customer_wallet_commercial_ids(self):
        """{partner id: commercial partner id} for self, in one query."""
        ids = [pid for pid in self.ids if isinstance(pid, int)]
        if not ids:
            return {}
        self.flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            # (an IN over the unnested ids lets the planner probe the primary
            # key, where "= ANY" scanned the table for a few thousand ids)
            "SELECT id, commercial_partner_id FROM res_partner "
            "WHERE id IN (SELECT unnest(%s::integer[]))",
            [sql_id_array(ids)],
        )
        return {pid: cid or pid for pid, cid in self.env.cr.fetchall()}

    def _customer_wallet_posted_balances(self, commercial_ids, company):
        """{commercial partner id: posted balance}, one query.

        The posted items are read from the totals per wallet that the database
        keeps (see ``customer.wallet.total``): one row per wallet, whatever
        the length of its history. A partner that left a wallet keeps a row at
        zero: only the totals that are not zero are read, so that only the
        partners holding a wallet's items come back.
        """
        account = company.customer_wallet_account_id
        if not commercial_ids or not account:
            return {}
        self._customer_wallet_flush_totals()
        self.env.cr.execute(
            """
            SELECT partner_id, -balance
              FROM customer_wallet_total
             WHERE account_id = %(account)s
               AND partner_id = ANY(%(partners)s::integer[])
               AND balance != 0
            """,
            {"account": account.id, "partners": sql_id_array(commercial_ids)},
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _customer_wallet_flush_totals(self):
        # the triggers add the journal items up as they reach the database
        self.env["account.move.line"].flush_model(
            ["account_id", "partner_id", "balance", "parent_state"]
        )
        self.flush_model(["commercial_partner_id"])

    def _customer_wallet_balances(self, company=None):
        """Wallet balances of the commercial partners of self.

        :return: {commercial partner id: balance in company currency}, with an
            entry (maybe 0.0) for each commercial partner of self.
        """
        commercial_ids = set(self._customer_wallet_commercial_ids().values())
        return self._customer_wallet_commercial_balances(commercial_ids, company)

    def _customer_wallet_partner_balances(self, company=None):
        """{partner id: balance of its wallet} for each partner of self.

        Used for the thousands of partners a point of sale loads. A partner
        having the wallet items of its family summed under its id is a
        commercial partner: the balances are first read for the partners of
        self as if each were one (most are), and only the others (contacts,
        partners without wallet items) have their commercial partner looked
        up.
        """
        company = company or self.env.company
        ids = {pid for pid in self.ids if isinstance(pid, int)}
        posted = self._customer_wallet_posted_balances(ids, company)
        commercial = {pid: pid for pid in posted}
        commercial.update(
            self.browse(sorted(ids - set(posted)))._customer_wallet_commercial_ids()
        )
        others = set(commercial.values()) - ids
        if others:
            posted.update(self._customer_wallet_posted_balances(others, company))
        balances = self._customer_wallet_commercial_balances(
            set(commercial.values()), company, posted=posted
        )
        return {pid: balances[cid] for pid, cid in commercial.items()}

    @api.model
    def _customer_wallet_commercial_balances(
        self, commercial_ids, company=None, posted=None
    ):
        """{commercial partner id: balance} for the given commercial partners.

        :param posted: their posted balances, when already read
        """
        company = company or self.env.company
        if posted is None:
            posted = self._customer_wallet_posted_balances(commercial_ids, company)
        pending = self._customer_wallet_pending_amounts(list(commercial_ids), company)
        currency = company.currency_id
        balances = {}
        for cid in commercial_ids:
            # the posted sum is an exact decimal (numeric): as a float, it is
            # already the nearest to it; only a sum with pending amounts needs
            # rounding (the rounding costs more than the query for 10 000)
            amount = float(posted.get(cid, 0.0))
            if pending.get(cid):
                amount = self._customer_wallet_round(amount + pending[cid], currency)
            balances[cid] = amount
        return balances

    @api.model
    def _customer_wallet_round(self, amount, currency):
        """Round to the currency, as the float nearest to the decimal amount."""
        return float(float_repr(currency.round(amount), currency.decimal_places))

    @api.model
    def _customer_wallet_pending_amounts(self, commercial_partner_ids, company):
        """Hook: wallet movements not yet booked as journal items.

        :param commercial_partner_ids: ids of commercial partners, or None for
            all the partners having pending amounts (used by the search).
        :return: {commercial partner id: amount}, credits positive.
        """
        return {}

    def _search_customer_wallet_balance(self, operator, value):
        if operator not in WALLET_SEARCH_OPERATORS:
            raise UserError(
                _(
                    "The wallet balance cannot be searched with the operator "
                    "%(operator)s.",
                    operator=operator,
                )
            )
        company = self.env.company
        currency = company.currency_id
        try:
            value = currency.round(float(value or 0.0))
        except (TypeError, ValueError) as error:
            raise UserError(
                _(
                    "The wallet balance must be compared with an amount, not "
                    "%(value)s.",
                    value=value,
                )
            ) from error
        py_op, sql_op = WALLET_SEARCH_OPERATORS[operator]

        def matches(amount):
            # compare_amounts: -1, 0 or 1, compared as the operator says with 0
            return py_op(currency.compare_amounts(amount, value), 0)

        zero_matches = matches(0.0)
        # Wallets whose pending (not yet booked) amounts change their balance are
        # decided in Python, the others by the grouped SQL query.
        pending = self._customer_wallet_pending_amounts(None, company) or {}
        pending_ids = set(pending)
        decided = set()
        if pending_ids:
            balances = self._customer_wallet_commercial_balances(pending_ids, company)
            decided = {cid for cid, amount in balances.items() if matches(amount)}
        account = company.customer_wallet_account_id
        sql_ids = set()
        if account:
            self._customer_wallet_flush_totals()
            # With zero matching, keep every partner except the wallets that do
            # not match (partners without any movement have a zero balance).
            condition = "ROUND(-balance, %(digits)s) {op} %(value)s::numeric"
            condition = condition.format(op=sql_op)
            if zero_matches:
                condition = "NOT (%s)" % condition
            self.env.cr.execute(
                """
                SELECT partner_id
                  FROM customer_wallet_total
                 WHERE account_id = %(account)s
                   AND """
                + condition,
                {
                    "account": account.id,
                    "digits": currency.decimal_places,
                    "value": float_repr(value, currency.decimal_places),
                },
            )
            sql_ids = {row[0] for row in self.env.cr.fetchall()}
        if zero_matches:
            excluded = (sql_ids - pending_ids) | (pending_ids - decided)
            if not excluded:
                return []
            return [("commercial_partner_id", "not in", list(excluded))]
        matching = (sql_ids - pending_ids) | decided
        if not matching:
            return [("id", "=", 0)]
        return [("commercial_partner_id", "in", list(matching))]

    # ------------------------------------------------------------------
    # Limit
    # ------------------------------------------------------------------

    def _customer_wallet_lock(self):
        """Serialise the debits of the wallets of self until the transaction ends.

        Each wallet has a row in ``customer_wallet_lock``, created on its first
        lock; locking bumps its version. The rows are taken in id order, so two
        debits of the same wallets cannot deadlock. Odoo runs transactions in
        REPEATABLE READ: a transaction that waited for another debit of the
        wallet must not go on with a snapshot that misses it. As the row was
        changed by the transaction it waited for, the bump fails with a
        serialisation error instead (also when both created the row), and
        Odoo retries the request, which then sees the other debit.

        :return: {partner id: id of the commercial partner whose wallet is locked}
        """
        ids = [pid for pid in self.ids if isinstance(pid, int)]
        if not ids:
            return {}
        self.flush_model(["commercial_partner_id"])
        self.env["customer.wallet.lock"].flush_model()
        self.env.cr.execute(
            """
            WITH wallet AS (
                SELECT id, COALESCE(commercial_partner_id, id) AS commercial_id
                  FROM res_partner
                 WHERE id = ANY(%s::integer[])
            ), locked AS (
                INSERT INTO customer_wallet_lock (partner_id, version)
                     SELECT DISTINCT commercial_id, 1
                       FROM wallet
                   ORDER BY 1
                ON CONFLICT (partner_id)
                  DO UPDATE SET version = customer_wallet_lock.version + 1
            )
            SELECT id, commercial_id FROM wallet
            """,
            [sql_id_array(ids)],
        )
        commercial_ids = dict(self.env.cr.fetchall())
        self.env["customer.wallet.lock"].invalidate_model(["version"])
        return commercial_ids

    def _customer_wallet_limit_error(self, company, balance, amount, minimum):
        currency = company.currency_id
        return UserError(
            _(
                "The wallet of %(partner)s cannot be debited %(amount)s: its "
                "balance is %(balance)s and may not go below %(limit)s.",
                partner=self.commercial_partner_id.display_name,
                amount=format_amount(self.env, amount, currency),
                balance=format_amount(self.env, balance, currency),
                limit=format_amount(self.env, minimum, currency),
            )
        )

    def _customer_wallet_check_debit(self, amount, journal):
        """Lock the wallet of self, then check that it can be debited ``amount``.

        :param journal: the wallet journal whose minimum balance applies (any
            other journal allows no overdraft).
        :return: the balance after the debit.
        """
        self.ensure_one()
        company = journal.company_id or self.env.company
        wallet = self.browse(self._customer_wallet_lock()[self.id])
        balance = self._customer_wallet_commercial_balances(wallet.ids, company)[
            wallet.id
        ]
        after = self._customer_wallet_round(balance - amount, company.currency_id)
        minimum = journal._customer_wallet_minimum()
        if (
            company.currency_id.compare_amounts(amount, 0.0) > 0
            and company.currency_id.compare_amounts(after, minimum) < 0
        ):
            raise wallet._customer_wallet_limit_error(company, balance, amount, minimum)
        return after

    # ------------------------------------------------------------------
    # Statement
    # ------------------------------------------------------------------

    def _customer_wallet_statement_rows(
        self,
        company,
        date_from=None,
        date_to=None,
        limit=None,
        offset=0,
        newest_first=False,
    ):
        """Posted movements of the wallet of self, oldest first, with the
        running balance (one query, whatever the number of movements).

        :return: (opening balance, list of dicts: id, date, move, label,
            journal, amount (credit positive), balance, count of all rows)
        """
        self.ensure_one()
        account = company.customer_wallet_account_id
        if not account:
            return 0.0, [], 0
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model(["name"])
        self.env.cr.execute(
            """
            WITH movement AS (
                SELECT line.id, line.date, move.name AS move, line.name AS label,
                       line.journal_id, -line.balance AS amount,
                       SUM(-line.balance) OVER (ORDER BY line.date, line.id)
                           AS balance
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN res_partner partner ON partner.id = line.partner_id
                 WHERE line.account_id = %(account)s
                   AND line.company_id = %(company)s
                   AND line.parent_state = 'posted'
                   AND partner.commercial_partner_id = %(partner)s
            )
            SELECT id, date, move, label, journal_id, amount, balance,
                   COUNT(*) OVER () AS total,
                   COALESCE((SELECT SUM(amount) FROM movement
                              WHERE %(date_from)s::date IS NOT NULL
                                AND date < %(date_from)s::date), 0) AS opening
              FROM movement
             WHERE (%(date_from)s::date IS NULL OR date >= %(date_from)s::date)
               AND (%(date_to)s::date IS NULL OR date <= %(date_to)s::date)
          ORDER BY date {order}, id {order}
             LIMIT %(limit)s OFFSET %(offset)s
            """.format(
                order="DESC" if newest_first else "ASC"
            ),
            {
                "account": account.id,
                "company": company.id,
                "partner": self.commercial_partner_id.id,
                "date_from": date_from or None,
                "date_to": date_to or None,
                "limit": limit,
                "offset": offset,
            },
        )
        rows = self.env.cr.dictfetchall()
        currency = company.currency_id
        opening = self._customer_wallet_round(
            float(rows[0]["opening"]) if rows else 0.0, currency
        )
        if not rows and date_from and not offset:
            # no movement in the period: the opening balance is the balance
            # before it, computed alone
            opening = self._customer_wallet_round(
                sum(
                    row["amount"]
                    for row in self._customer_wallet_statement_rows(
                        company, date_to=date_from, limit=None
                    )[1]
                    if row["date"] < fields.Date.to_date(date_from)
                ),
                currency,
            )
        total = rows[0]["total"] if rows else 0
        for row in rows:
            row["amount"] = self._customer_wallet_round(float(row["amount"]), currency)
            row["balance"] = self._customer_wallet_round(
                float(row["balance"]), currency
            )
        return opening, rows, total

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_customer_wallet_statement(self):
        self.ensure_one()
        return (
            self.env["customer.wallet.statement"]
            .create({"partner_id": self.commercial_partner_id.id})
            .action_show()
        )

    def action_customer_wallet_top_up(self):
        self.ensure_one()
        self.env["customer.wallet.top.up"].check_access_rights("create")
        action = self.env["ir.actions.actions"]._for_xml_id(
            "account_customer_wallet.customer_wallet_top_up_action"
        )
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
