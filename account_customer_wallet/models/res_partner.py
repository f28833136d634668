# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_repr

from .. import sql

# Fields whose change can move partners to another wallet (commercial partner).
WALLET_MOVING_FIELDS = {"parent_id", "is_company", "commercial_partner_id"}
WALLET_MANAGER = "account_customer_wallet.group_customer_wallet_manager"


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
    customer_wallet_below_limit = fields.Boolean(
        string="Wallet Below Limit",
        compute="_compute_customer_wallet_below_limit",
        search="_search_customer_wallet_below_limit",
        groups="account_customer_wallet.group_customer_wallet_user",
        help="The wallet balance is below the lowest balance the strictest wallet "
        "journal of the company allows (an overdraft beyond the limit, taken "
        "offline at a till or confirmed as a correction).",
    )

    @api.depends_context("company")
    def _compute_customer_wallet_currency_id(self):
        self.customer_wallet_currency_id = self.env.company.currency_id

    @api.depends_context("company")
    def _compute_customer_wallet_balance(self):
        real = self.filtered("id")
        balances = self.env["customer.wallet.ledger"]._partner_balances(
            real, self.env.company
        )
        for partner in real:
            partner.customer_wallet_balance = balances.get(partner.id, 0.0)
        (self - real).customer_wallet_balance = 0.0

    def _search_customer_wallet_balance(self, operator, value):
        # A search tells balances as well as a read does: the same rights.
        # Core checks the fields a user reads, not the fields a domain names.
        self.check_field_access_rights("read", ["customer_wallet_balance"])
        return self.env["customer.wallet.ledger"]._search_domain(
            operator, value, self.env.company
        )

    @api.model
    def _customer_wallet_limit(self, company):
        """Lowest balance the company's wallets may reach (the strictest
        wallet journal's minimum)."""
        return self._customer_wallet_limit_journal(company)._customer_wallet_minimum()

    @api.depends_context("company")
    def _compute_customer_wallet_below_limit(self):
        company = self.env.company
        limit = self._customer_wallet_limit(company)
        for partner in self:
            partner.customer_wallet_below_limit = (
                company.currency_id.compare_amounts(
                    partner.customer_wallet_balance, limit
                )
                < 0
            )

    def _search_customer_wallet_below_limit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                _(
                    "Wallets below their limit are searched with = True or "
                    "= False, not %(operator)s %(value)s.",
                    operator=operator,
                    value=value,
                )
            )
        below = (operator == "=") == value
        return self._search_customer_wallet_balance(
            "<" if below else ">=", self._customer_wallet_limit(self.env.company)
        )

    # ------------------------------------------------------------------
    # Sorting by balance
    # ------------------------------------------------------------------

    @api.model
    def _generate_order_by_inner(
        self, alias, order_spec, query, reverse_direction=False, seen=None
    ):
        """Sort by wallet balance as well: the balance is not a column, the
        search joins the ledger's balances (posted wallet items and the amounts
        not booked yet) on the commercial partner, so the order is exact."""
        if "customer_wallet_balance" not in (order_spec or ""):
            return super()._generate_order_by_inner(
                alias, order_spec, query, reverse_direction, seen
            )
        self._check_qorder(order_spec)
        elements = []
        for part in order_spec.split(","):
            words = part.split()
            if words[0] != "customer_wallet_balance":
                elements += super()._generate_order_by_inner(
                    alias, part, query, reverse_direction, seen
                )
                continue
            descending = len(words) == 2 and words[1].upper() == "DESC"
            if reverse_direction:
                descending = not descending
            elements.append(
                "%s %s"
                % (
                    self._customer_wallet_order_expression(alias, query),
                    "DESC" if descending else "ASC",
                )
            )
        return elements

    @api.model
    def _customer_wallet_order_expression(self, alias, query):
        """SQL expression of the wallet balance of the partners of ``alias``,
        joining the balances of the wallets to the query."""
        # ordering tells balances as well as reading them: the same rights
        self.check_field_access_rights("read", ["customer_wallet_balance"])
        company = self.env.company
        ledger = self.env["customer.wallet.ledger"]
        ledger._flush_ledger()
        pending = ledger._pending_amounts(None, company)
        digits = company.currency_id.decimal_places
        balances = query.left_join(
            alias,
            "commercial_partner_id",
            sql.ORDER_BALANCES,
            "partner_id",
            "customer_wallet_balance",
            # always true: binds the parameters of the joined query
            extra="TRUE",
            extra_params=(
                digits,
                company.customer_wallet_account_id.id or None,
                company.id,
                sql.sql_id_array(pending),
                "{%s}" % ",".join(float_repr(pending[pid], digits) for pid in pending),
            ),
        )
        return 'COALESCE("%s"."balance", 0)' % balances

    # ------------------------------------------------------------------
    # Moving partners between wallets
    # ------------------------------------------------------------------

    def write(self, vals):
        if not WALLET_MOVING_FIELDS.intersection(vals) or not self.ids:
            return super().write(vals)
        # the partners and their contacts carry their wallet items and pending
        # orders with them to their new commercial partner
        ledger = self.env["customer.wallet.ledger"]
        moved = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.ids)])
        )
        targets = (
            self.browse(
                [
                    vals[name]
                    for name in ("parent_id", "commercial_partner_id")
                    if vals.get(name)
                ]
            )
            | self.sudo().parent_id
        )
        companies = self._customer_wallet_companies()
        if not companies:
            return super().write(vals)
        before_ids = ledger._commercial_ids(moved | targets)
        wallets = set(before_ids.values())
        # Lock the wallets the partners leave and join, as they are before the
        # write, even when no money moves: a debit of one of the partners
        # booked at the same time locked the wallet it was checked against,
        # which is one of them. Either it waits for this write and is retried
        # (then sees the partner in its new wallet), or this write is
        # (then sees its item, whose money moves too). Nothing else would
        # tell them apart: the balances are read from the journal items and
        # the partners, which these two transactions write in different rows.
        ledger._lock(self.browse(sorted(wallets)))
        before = self._customer_wallet_snapshot(wallets, companies)
        manager = self.env.user.has_group(WALLET_MANAGER)
        res = super().write(vals)
        after_ids = ledger._commercial_ids(moved | targets)
        wallets |= set(after_ids.values())
        after = self._customer_wallet_snapshot(wallets, companies)
        debits = {}
        changed = set()
        for company in companies:
            currency = company.currency_id
            for wallet_id in wallets:
                delta = before[company].get(wallet_id, 0.0) - after[company][wallet_id]
                sign = currency.compare_amounts(delta, 0.0)
                if not sign:
                    continue
                changed.add(wallet_id)
                if sign > 0:
                    journal = self._customer_wallet_limit_journal(company)
                    debits[(company, journal, self.browse(wallet_id))] = delta
        if not changed:
            return res
        if not manager:
            partner = next(
                (
                    partner
                    for partner in moved
                    if before_ids[partner.id] != after_ids[partner.id]
                ),
                moved[:1],
            )
            raise AccessError(
                _(
                    "Only wallet managers may move %(partner)s from the wallet of "
                    "%(wallet)s to that of %(other)s: its money would move with it.",
                    partner=partner.name,
                    wallet=self.browse(before_ids[partner.id]).name,
                    other=self.browse(after_ids[partner.id]).name,
                )
            )
        # a wallet joined that was no wallet before is one of the partners,
        # whose former wallet is locked: the debits are checked under the lock
        ledger._check_balances(debits)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_customer_wallet_money(self):
        """A partner having wallet items, or a wallet holding money, is archived,
        not deleted: a wallet manager may delete a household or company whose
        money stays with its contacts (each then has its own wallet)."""
        companies = self._customer_wallet_companies()
        if not companies:
            return
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("parent_state", "=", "posted"),
                    ("account_id", "in", companies.customer_wallet_account_id.ids),
                ],
                ["partner_id"],
                ["partner_id"],
            )
        )
        with_items = {group["partner_id"][0] for group in groups}
        manager = self.env.user.has_group(WALLET_MANAGER)
        wallets = self.filtered(
            lambda partner: partner.commercial_partner_id == partner
        )
        balances = self._customer_wallet_snapshot(set(wallets.ids), companies)
        for partner in self:
            holds_money = partner in wallets and any(
                company.currency_id.compare_amounts(
                    balances[company].get(partner.id, 0.0), 0.0
                )
                for company in companies
            )
            if partner.id in with_items or (holds_money and not manager):
                raise UserError(
                    _(
                        "%(partner)s cannot be deleted: it has wallet items or "
                        "money in the wallet of %(wallet)s; archive it instead.",
                        partner=partner.name,
                        wallet=partner.commercial_partner_id.name,
                    )
                )

    @api.model
    def _customer_wallet_companies(self):
        return (
            self.env["res.company"]
            .sudo()
            .search([("customer_wallet_account_id", "!=", False)])
        )

    @api.model
    def _customer_wallet_snapshot(self, wallet_ids, companies):
        """{company: {commercial partner id: balance}} of the wallets."""
        ledger = self.env["customer.wallet.ledger"]
        return {
            company: ledger._commercial_balances(wallet_ids, company)
            for company in companies
        }

    @api.model
    def _customer_wallet_limit_journal(self, company):
        """The wallet journal whose limit a wallet debited by a move respects:
        the strictest one of the company (any journal allows no overdraft)."""
        journals = (
            self.env["account.journal"].sudo().search([("company_id", "=", company.id)])
        )
        wallet_journals = journals.filtered("is_customer_wallet_journal")
        if wallet_journals:
            return max(wallet_journals, key=lambda j: j._customer_wallet_minimum())
        return journals[:1]

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
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id,
            # back to this form once topped up (see the wizard's _action_done)
            "active_model": self._name,
            "active_id": self.id,
        }
        return action
