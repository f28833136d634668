# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import operator as py_operator

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_repr
from odoo.tools.misc import format_amount

from .. import sql
from ..exceptions import CustomerWalletLimitError
from ..flow import marker

# Comparison operators the balance can be searched with: Python and SQL spelling.
WALLET_SEARCH_OPERATORS = {
    "=": (py_operator.eq, "="),
    "!=": (py_operator.ne, "<>"),
    "<": (py_operator.lt, "<"),
    "<=": (py_operator.le, "<="),
    ">": (py_operator.gt, ">"),
    ">=": (py_operator.ge, ">="),
}
# Operators comparing the balance with a list of amounts.
WALLET_SEARCH_LIST_OPERATORS = ("in", "not in")


class CustomerWalletLedger(models.AbstractModel):
    """The one place where wallet balances are read and wallets are moved.

    A wallet is a commercial partner: the balance of a partner is that of its
    commercial entity, minus the posted journal items on the company's wallet
    account of the partner and of its contacts (one grouped query through the
    covering index ``account_move_line_customer_wallet_idx``, see
    ``sql.POSTED_BALANCES``) plus the movements not yet booked, which other
    addons add through ``_pending_amounts`` (the point of sale's orders).
    Nothing is stored besides the journal items: a partner moving to another
    wallet, a changed wallet account, a reset to draft are read at once.

    Every debit locks the wallets it moves (``_lock``) and checks their
    limit under that lock (``_check_debit``, ``_check_balances``). The
    methods are private: they cannot be called over RPC, and they check no
    access right themselves (their callers do, at their entry).
    """

    _name = "customer.wallet.ledger"
    _description = "Customer Wallet Ledger"

    # ------------------------------------------------------------------
    # Balances
    # ------------------------------------------------------------------

    @api.model
    def _commercial_ids(self, partners):
        """{partner id: commercial partner id} for the partners, in one query."""
        ids = [pid for pid in partners.ids if isinstance(pid, int)]
        if not ids:
            return {}
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(sql.COMMERCIAL_IDS, {"partners": sql.sql_id_array(ids)})
        return {pid: cid or pid for pid, cid in self.env.cr.fetchall()}

    @api.model
    def _flush_ledger(self):
        # the queries read the journal items and the partners' commercial
        # partners in the database
        self.env["account.move.line"].flush_model(
            ["account_id", "partner_id", "company_id", "balance", "parent_state"]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id"])

    @api.model
    def _posted_balances(self, commercial_ids, company):
        """{commercial partner id: posted balance}, one query over the posted
        wallet items of the partners of the commercial partners.

        Only the wallets having a non-zero balance come back.
        """
        account = company.customer_wallet_account_id
        if not commercial_ids or not account:
            return {}
        self._flush_ledger()
        self.env.cr.execute(
            sql.POSTED_BALANCES,
            {
                "account": account.id,
                "company": company.id,
                "partners": sql.sql_id_array(commercial_ids),
            },
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _pending_amounts(self, commercial_ids, company):
        """Hook: wallet movements not yet booked as journal items.

        :param commercial_ids: ids of commercial partners, or None for all the
            partners having pending amounts (used by the search).
        :return: {commercial partner id: amount}, credits positive.
        """
        return {}

    @api.model
    def _round(self, amount, currency):
        """Round to the currency, as the float nearest to the decimal amount."""
        return float(float_repr(currency.round(amount), currency.decimal_places))

    @api.model
    def _commercial_balances(self, commercial_ids, company, posted=None):
        """{commercial partner id: balance} for the given commercial partners.

        :param posted: their posted balances, when already read
        """
        if posted is None:
            posted = self._posted_balances(commercial_ids, company)
        pending = self._pending_amounts(list(commercial_ids), company)
        currency = company.currency_id
        balances = {}
        for cid in commercial_ids:
            # the posted sum is an exact decimal (numeric): as a float, it is
            # already the nearest to it; only a sum with pending amounts needs
            # rounding (the rounding costs more than the query for 10 000)
            amount = float(posted.get(cid, 0.0))
            if pending.get(cid):
                amount = self._round(amount + pending[cid], currency)
            balances[cid] = amount
        return balances

    @api.model
    def _balances(self, partners, company):
        """Wallet balances of the commercial partners of the partners.

        :return: {commercial partner id: balance in company currency}, with an
            entry (maybe 0.0) for each commercial partner of the partners.
        """
        commercial_ids = set(self._commercial_ids(partners).values())
        return self._commercial_balances(commercial_ids, company)

    @api.model
    def _partner_balances(self, partners, company):
        """{partner id: balance of its wallet} for each of the partners.

        Used for the thousands of partners a point of sale loads. A partner
        having the wallet items of its family summed under its id is a
        commercial partner: the balances are first read for the partners as
        if each were one (most are), and only the others (contacts, partners
        without wallet items) have their commercial partner looked up.
        """
        ids = {pid for pid in partners.ids if isinstance(pid, int)}
        posted = self._posted_balances(ids, company)
        commercial = {pid: pid for pid in posted}
        commercial.update(
            self._commercial_ids(partners.browse(sorted(ids - set(posted))))
        )
        others = set(commercial.values()) - ids
        if others:
            posted.update(self._posted_balances(others, company))
        balances = self._commercial_balances(
            set(commercial.values()), company, posted=posted
        )
        return {pid: balances[cid] for pid, cid in commercial.items()}

    # ------------------------------------------------------------------
    # Search
    # ------------------------------------------------------------------

    @api.model
    def _search_amount(self, value, currency):
        """The amount a balance is compared with, rounded to the currency."""
        try:
            return currency.round(float(value or 0.0))
        except (TypeError, ValueError) as error:
            raise UserError(
                _(
                    "The wallet balance must be compared with an amount, not "
                    "%(value)s.",
                    value=value,
                )
            ) from error

    @api.model
    def _search_condition(self, operator, value, currency):
        """How a balance is compared, for the search.

        :return: (predicate on an amount, SQL query of the wallets whose
            posted balance matches, SQL query of those whose balance does
            not, the query's parameters)
        """
        digits = currency.decimal_places
        if operator in WALLET_SEARCH_LIST_OPERATORS:
            if not isinstance(value, (list, tuple, set)):
                value = [value]
            amounts = [self._search_amount(item, currency) for item in value]
            among = operator == "in"

            def matches(amount):
                found = any(
                    currency.compare_amounts(amount, item) == 0 for item in amounts
                )
                return found == among

            queries = (sql.SEARCH_BALANCE_IN, sql.SEARCH_BALANCE_NOT_IN)
            params = {"values": [float_repr(item, digits) for item in amounts]}
            return (matches,) + (queries if among else queries[::-1]) + (params,)
        amount = self._search_amount(value, currency)
        py_op, sql_op = WALLET_SEARCH_OPERATORS[operator]

        def matches(balance):
            # compare_amounts: -1, 0 or 1, compared as the operator says with 0
            return py_op(currency.compare_amounts(balance, amount), 0)

        return (
            matches,
            sql.SEARCH_BALANCE.format(op=sql_op),
            sql.SEARCH_BALANCE_NOT.format(op=sql_op),
            {"value": float_repr(amount, digits)},
        )

    @api.model
    def _search_domain(self, operator, value, company):
        """Domain on res.partner of the partners whose balance matches.

        The operators are those of a searchable amount such as core's
        ``res.partner.credit``, plus ``=?`` (no condition when the value is
        False or None), ``in`` and ``not in`` (a list of amounts).
        """
        if operator == "=?":
            if value is False or value is None:
                return []
            operator = "="
        if (
            operator not in WALLET_SEARCH_OPERATORS
            and operator not in WALLET_SEARCH_LIST_OPERATORS
        ):
            raise UserError(
                _(
                    "The wallet balance cannot be searched with the operator "
                    "%(operator)s.",
                    operator=operator,
                )
            )
        currency = company.currency_id
        matches, query, query_not, params = self._search_condition(
            operator, value, currency
        )
        zero_matches = matches(0.0)
        # Wallets whose pending (not yet booked) amounts change their balance are
        # decided in Python, the others by the SQL query over the posted items.
        pending_ids = set(self._pending_amounts(None, company) or {})
        decided = set()
        if pending_ids:
            balances = self._commercial_balances(pending_ids, company)
            decided = {cid for cid, amount in balances.items() if matches(amount)}
        account = company.customer_wallet_account_id
        sql_ids = set()
        if account:
            self._flush_ledger()
            # With zero matching, keep every partner except the wallets that do
            # not match (partners without any movement have a zero balance).
            self.env.cr.execute(
                query_not if zero_matches else query,
                dict(
                    params,
                    account=account.id,
                    company=company.id,
                    digits=currency.decimal_places,
                ),
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
    # Lock and limit
    # ------------------------------------------------------------------

    @api.model
    def _lock(self, partners):
        """Serialise the debits of the wallets of the partners until the
        transaction ends.

        Each wallet has a row in ``customer_wallet_lock``, created on its first
        lock; locking bumps its version. The rows are taken in id order, so two
        debits of the same wallets cannot deadlock. Odoo runs transactions in
        REPEATABLE READ: a transaction that waited for another debit of the
        wallet must not go on with a snapshot that misses it. As the row was
        changed by the transaction it waited for, the bump fails with a
        serialisation error instead (also when both created the row), and
        Odoo retries the request, which then sees the other debit.

        It is the only thing that serialises them: the balances are read from
        the journal items, which two debits write in different rows. So every
        change of what a balance is made of takes it first: the debits, the
        changes of posted wallet items, and a partner moving to another wallet
        (``res.partner.write`` locks the wallets it leaves and joins).

        :return: {partner id: id of the commercial partner whose wallet is locked}
        """
        ids = [pid for pid in partners.ids if isinstance(pid, int)]
        if not ids:
            return {}
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env["customer.wallet.lock"].flush_model()
        self.env.cr.execute(sql.LOCK_WALLETS, {"partners": sql.sql_id_array(ids)})
        commercial_ids = dict(self.env.cr.fetchall())
        self.env["customer.wallet.lock"].invalidate_model(["version"])
        return commercial_ids

    @api.model
    def _limit_error(self, wallet, company, balance, amount, minimum):
        currency = company.currency_id
        return UserError(
            _(
                "The wallet of %(partner)s cannot be debited %(amount)s: its "
                "balance is %(balance)s and may not go below %(limit)s.",
                partner=wallet.commercial_partner_id.display_name,
                amount=format_amount(self.env, amount, currency),
                balance=format_amount(self.env, balance, currency),
                limit=format_amount(self.env, minimum, currency),
            )
        )

    @api.model
    def _check_debit(self, partner, amount, journal):
        """Lock the wallet of the partner, then check that it can be debited
        ``amount``.

        :param journal: the wallet journal whose minimum balance applies (any
            other journal allows no overdraft).
        :return: the balance after the debit.
        """
        partner.ensure_one()
        company = journal.company_id or self.env.company
        wallet = partner.browse(self._lock(partner)[partner.id])
        balance = self._commercial_balances(wallet.ids, company)[wallet.id]
        after = self._round(balance - amount, company.currency_id)
        minimum = journal._customer_wallet_minimum()
        if (
            company.currency_id.compare_amounts(amount, 0.0) > 0
            and company.currency_id.compare_amounts(after, minimum) < 0
        ):
            raise self._limit_error(wallet, company, balance, amount, minimum)
        return after

    @api.model
    def _check_balances(self, debits):
        """Refuse the debits that left a wallet below the minimum of their journal.

        Called once the debits are written, with the wallets locked: the
        balances include them.

        :param debits: {(company, journal, wallet): debited amount > 0}
        """
        for key, balance, amount, minimum in self._debits_below_limit(debits):
            company, _journal, wallet = key
            raise self._limit_error(wallet, company, balance + amount, amount, minimum)

    # ------------------------------------------------------------------
    # Statement
    # ------------------------------------------------------------------

    @api.model
    def _statement_movements(self):
        """Hook: the SQL of the wallet movements, one row each.

        Every screen reads it: the statement, the portal, the Customer Wallets
        list. Its rows add up to the balance of each wallet (``_balances``).
        See ``sql.STATEMENT_MOVEMENTS`` for its columns and parameters.
        """
        return sql.STATEMENT_MOVEMENTS

    @api.model
    def _statement_params(self, commercial_id=None, company=None):
        """Parameters of ``_statement_movements``: None for all wallets, all
        companies."""
        tz = self.env.context.get("tz") or self.env.user.tz
        return {
            "partner": commercial_id,
            "company": company.id if company else None,
            "tz": tz if tz in pytz.all_timezones_set else "UTC",
            "now": fields.Datetime.now(),
        }

    @api.model
    def _statement_status(self, row):
        """Hook: what a row says of its movement (nothing for a posted item)."""
        return ""

    @api.model
    def _statement_rows(
        self,
        partner,
        company,
        date_from=None,
        date_to=None,
        limit=None,
        offset=0,
        newest_first=False,
    ):
        """Movements of the wallet of the partner, oldest first, with the
        running balance (one query, whatever the number of movements).

        :return: (opening balance, list of dicts: kind ("item" for a posted
            journal item, or another addon's kind such as a point of sale's
            order), id, date, time (when the movement has one), reference,
            receipt, label, journal (or till), status, pending, amount (credit
            positive), balance; count of all rows of the period)
        """
        partner.ensure_one()
        if not company.customer_wallet_account_id:
            return 0.0, [], 0
        # the movements are read from several models: flush them all
        self.env.flush_all()
        movements = self._statement_movements()
        params = dict(
            self._statement_params(partner.commercial_partner_id.id, company),
            date_from=date_from or None,
            date_to=date_to or None,
            limit=limit,
            offset=offset,
        )
        query = sql.STATEMENT_ROWS_NEWEST_FIRST if newest_first else sql.STATEMENT_ROWS
        self.env.cr.execute(query.format(movements=movements), params)
        rows = self.env.cr.dictfetchall()
        currency = company.currency_id
        if rows:
            opening, total = rows[0]["opening"], rows[0]["total"]
        else:
            opening, total = 0.0, 0
            if date_from and not offset:
                # no movement in the period: the balance before it
                self.env.cr.execute(
                    sql.STATEMENT_OPENING.format(movements=movements), params
                )
                opening = self.env.cr.fetchone()[0]
        journals = {
            journal.id: journal.name
            for journal in self.env["account.journal"].browse(
                {row["journal_id"] for row in rows if row["journal_id"]}
            )
        }
        for row in rows:
            row["amount"] = self._round(float(row["amount"]), currency)
            row["balance"] = self._round(float(row["balance"]), currency)
            row["journal"] = journals.get(row["journal_id"]) or row["till"] or ""
            row["time"] = row["stamp"] if row["kind"] != "item" else False
            row["status"] = self._statement_status(row)
        return self._round(float(opening), currency), rows, total

    @api.model
    def _statement_drift(self, company=None):
        """Hook: movements whose rows do not add up to the journal items they
        make up (another addon's, such as a session's closing).

        :return: list of tuples describing each difference (none here)
        """
        return []

    @api.model
    def _wallet_list_query(self):
        """SQL of the Customer Wallets list (``customer.wallet``): the wallets
        and their balances, added up from ``_statement_movements``."""
        # the movements are read from several models: flush them all
        self.env.flush_all()
        query = sql.CUSTOMER_WALLET_LIST.format(movements=self._statement_movements())
        return self.env.cr.mogrify(query, self._statement_params()).decode()

    # ------------------------------------------------------------------
    # Changes of posted wallet items
    # ------------------------------------------------------------------

    @api.model
    def _posted_items(self, lines, strict=False):
        """Sums of the balances of the posted wallet items among the lines.

        :param strict: refuse a posted wallet item without partner
        :return: {(move, wallet): sum of balances (debits positive)}
        """
        amounts = {}
        for line in lines:
            if line.parent_state != "posted":
                continue
            account = line.company_id.customer_wallet_account_id
            if not account or line.account_id != account:
                continue
            if not line.partner_id:
                if strict:
                    raise UserError(
                        _(
                            "The journal item %(label)s of %(move)s is on the wallet "
                            "account: it needs the customer whose wallet it moves.",
                            label=line.name or line.account_id.display_name,
                            move=line.move_id.display_name,
                        )
                    )
                continue
            key = (line.move_id, line.partner_id.commercial_partner_id)
            amounts[key] = amounts.get(key, 0.0) + line.balance
        return amounts

    @api.model
    def _may_credit(self, move):
        """Whether the current user or flow may credit wallets with ``move``."""
        flow = marker(self.env)
        if flow is not None and flow.allows_credit(move):
            return True
        return self.env.user.has_group(
            "account_customer_wallet.group_customer_wallet_manager"
        )

    @api.model
    def _check_items(self, before, after):
        """Check a change of posted wallet items, made with their wallets locked.

        A credit needs a wallet manager or an own flow of the addons (see
        ``flow``); a debit must leave the wallet at or above the minimum of the
        entry's journal, unless the entry is exempt (a point of sale session
        closed) or an account manager confirmed it as a correction, which is
        then flagged.

        :param before: ``_posted_items`` before the change
        :param after: ``_posted_items`` after the change
        """
        self.env["res.partner"].invalidate_model(["customer_wallet_balance"])
        deltas = dict(after)
        for key, amount in before.items():
            deltas[key] = deltas.get(key, 0.0) - amount
        debits = {}
        moves_by_debit = {}
        for (move, wallet), delta in deltas.items():
            sign = move.company_id.currency_id.compare_amounts(delta, 0.0)
            if sign < 0 and not self._may_credit(move):
                raise AccessError(
                    _(
                        "Only wallet managers may credit the wallet of %(partner)s "
                        "(%(move)s).",
                        partner=wallet.display_name,
                        move=move.display_name,
                    )
                )
            if sign > 0 and move._customer_wallet_check_required():
                key = (move.company_id, move.journal_id, wallet)
                debits[key] = debits.get(key, 0.0) + delta
                moves_by_debit[key] = moves_by_debit.get(key, move.browse()) | move
        if not debits:
            return
        flow = marker(self.env)
        confirmed = self.env["account.move"]
        for key, balance, amount, minimum in self._debits_below_limit(debits):
            moves = moves_by_debit[key]
            if (
                flow is not None
                and all(flow.confirms_overdraft(move) for move in moves)
                and self.env.user.has_group("account.group_account_manager")
            ):
                confirmed |= moves
                continue
            company, _journal, wallet = key
            error = self._limit_error(
                wallet, company, balance + amount, amount, minimum
            )
            if self.env.user.has_group("account.group_account_manager"):
                raise CustomerWalletLimitError(
                    _(
                        "%(error)s As an account manager, you may confirm this "
                        "correction: the entry will be flagged as a wallet "
                        "overdraft for the wallet managers.",
                        error=error.args[0],
                    ),
                    "account_customer_wallet.customer_wallet_correction_action",
                    _("Confirm the correction"),
                    {"default_move_ids": moves._customer_wallet_correction_targets()},
                )
            raise error
        if confirmed:
            confirmed._customer_wallet_flag_overdraft()

    @api.model
    def _debits_below_limit(self, debits):
        """The debits that left a wallet below the minimum of their journal.

        :param debits: {(company, journal, wallet): debited amount > 0}
        :return: list of (debit key, balance after, amount, minimum)
        """
        below = []
        wallets_by_company = {}
        for company, _journal, wallet in debits:
            wallets_by_company.setdefault(company, set()).add(wallet.id)
        for company, wallet_ids in wallets_by_company.items():
            balances = self._commercial_balances(wallet_ids, company)
            for key, amount in debits.items():
                if key[0] != company:
                    continue
                minimum = key[1]._customer_wallet_minimum()
                balance = balances[key[2].id]
                if company.currency_id.compare_amounts(balance, minimum) < 0:
                    below.append((key, balance, amount, minimum))
        return below
