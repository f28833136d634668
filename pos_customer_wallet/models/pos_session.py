# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from collections import defaultdict

from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero
from odoo.tools.misc import format_amount, format_time

from odoo.addons.account_customer_wallet.flow import CONTEXT_KEY as FLOW_KEY

from .. import guard
from .customer_wallet_hold import HOLD_MINUTES

SPLIT_RECEIVABLE_KEYS = (
    "split_receivables_bank",
    "split_receivables_cash",
    "split_receivables_pay_later",
)


# The states of a session, in the order it goes through them.
SESSION_STATES = ("opening_control", "opened", "closing_control", "closed")


def _amounts():
    return {"amount": 0.0, "amount_converted": 0.0}


class PosSession(models.Model):
    _inherit = "pos.session"

    # ------------------------------------------------------------------
    # The entry, till, company and state only the closing changes
    # ------------------------------------------------------------------

    def write(self, vals):
        self._customer_wallet_check_write(vals)
        return super().write(vals)

    def _customer_wallet_check_write(self, vals):
        """Refuse a write of what the wallet balances are computed from.

        The pending wallet movements of a session's orders are those of a
        session without a posted entry: its entry (``move_id``) and its
        closed state are set by the closing alone (``_validate_session``,
        marked ``guard.SessionClosing``), its till and company never change,
        and a session never goes back to an earlier state.
        """
        names = [
            name
            for name in ("move_id", "company_id", "config_id", "state")
            if name in vals
        ]
        if not names:
            return
        path = guard.marker(self.env)
        for session in self:
            closing = (
                isinstance(path, guard.SessionClosing)
                and path.session_id == session.id
                and session.state != "closed"
            )
            for name in names:
                if name == "state":
                    state = vals["state"]
                    if state == session.state:
                        continue
                    forward = (
                        state in SESSION_STATES
                        and session.state in SESSION_STATES
                        and SESSION_STATES.index(state)
                        > SESSION_STATES.index(session.state)
                    )
                    if forward and (state != "closed" or closing):
                        continue
                elif name == "move_id":
                    move = self.env["account.move"].browse(
                        guard.record_id(vals["move_id"]) or []
                    )
                    if move == session.move_id:
                        continue
                    # the closing creates the session's entry, then posts it
                    if (
                        closing
                        and session.move_id.state != "posted"
                        and move.state != "posted"
                    ):
                        continue
                elif session[name].id == (guard.record_id(vals[name]) or False):
                    continue
                raise UserError(
                    _(
                        "The %(field)s of the point of sale session %(session)s "
                        "is set by the session itself and its closing: it cannot "
                        "be changed.",
                        field=self._fields[name]._description_string(self.env),
                        session=session.name,
                    )
                )

    # ------------------------------------------------------------------
    # Data loaded by the point of sale
    # ------------------------------------------------------------------

    def _loader_params_pos_payment_method(self):
        params = super()._loader_params_pos_payment_method()
        params["search_params"]["fields"].append("is_customer_wallet_method")
        return params

    def _get_pos_ui_pos_payment_method(self, params):
        methods = super()._get_pos_ui_pos_payment_method(params)
        wallet_methods = self.env["pos.payment.method"].browse(
            [method["id"] for method in methods if method["is_customer_wallet_method"]]
        )
        limits = {
            method.id: method.journal_id._customer_wallet_minimum()
            for method in wallet_methods
        }
        for method in methods:
            method["customer_wallet_minimum_amount"] = limits.get(method["id"], 0.0)
        return methods

    def _loader_params_product_product(self):
        params = super()._loader_params_product_product()
        params["search_params"]["fields"].append("is_customer_wallet_product")
        return params

    def _get_pos_ui_res_partner(self, params):
        partners = super()._get_pos_ui_res_partner(params)
        return self._customer_wallet_add_balances(partners)

    def get_pos_ui_res_partner_by_params(self, custom_search_params):
        partners = super().get_pos_ui_res_partner_by_params(custom_search_params)
        return self._customer_wallet_add_balances(partners)

    def _customer_wallet_add_balances(self, partners):
        """Add the wallet balance to partners read for the POS, in one query."""
        records = self.env["res.partner"].browse([p["id"] for p in partners])
        balances = self.env["customer.wallet.ledger"]._partner_balances(
            records, self.company_id
        )
        for partner in partners:
            partner["customer_wallet_balance"] = balances.get(partner["id"], 0.0)
        return partners

    # ------------------------------------------------------------------
    # Calls from the point of sale
    # ------------------------------------------------------------------

    def get_customer_wallet_balances(self, partner_ids):
        """Current wallet balances of the customers for this session's till.

        :return: {partner_id: balance}, pending POS orders included
        """
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        partners = self.env["res.partner"].browse(partner_ids).exists()
        balances = self.env["customer.wallet.ledger"]._balances(
            partners, self.company_id
        )
        return {
            partner.id: balances.get(partner.commercial_partner_id.id, 0.0)
            for partner in partners
        }

    def check_customer_wallet_debit(
        self,
        partner_id,
        amount,
        payment_method_id=False,
        pos_reference=False,
        unsynced_amount=0.0,
    ):
        """Ask before finishing an order that takes ``amount`` from a wallet.

        With the order's ``pos_reference``, the wallet is locked before its
        balance is read, and an allowed debit is kept for the order (a hold,
        see ``customer.wallet.hold``) until the order reaches the server or
        the hold expires: another till asking at the same time sees it, and
        is told which till keeps the money and until when. The session keeps
        one hold per wallet: a new ask for the wallet, of the same order or
        of another, replaces it (never adds to it); a refused ask keeps none.
        Without it (older tills), nothing is recorded.

        :param amount: what the order takes from the wallet
        :param unsynced_amount: what the till's orders that the server does
            not know yet take from the wallet (checked, not kept)
        :return: dict with ``allowed``, ``balance`` (before the order),
            ``hold_seconds`` when a hold was recorded and, when refused,
            ``message``
        """
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        partner = self.env["res.partner"].browse(partner_id).exists()
        if not partner:
            raise UserError(_("The customer of this order no longer exists."))
        if self.state != "opened":
            raise UserError(
                _(
                    "The point of sale session %(session)s is not open: it takes no "
                    "more wallet payments.",
                    session=self.name,
                )
            )
        method = self.env["pos.payment.method"].browse(payment_method_id).exists()
        if method and method not in self.payment_method_ids:
            raise UserError(
                _(
                    "The payment method %(method)s is not one of the point of sale "
                    "%(config)s.",
                    method=method.display_name,
                    config=self.config_id.display_name,
                )
            )
        journal = (
            method.journal_id
            if method.is_customer_wallet_method
            else self.config_id._customer_wallet_journal()
        )
        company = self.company_id
        currency = company.currency_id
        partner = partner.commercial_partner_id
        ledger = self.env["customer.wallet.ledger"]
        if pos_reference:
            # lock before reading: a hold another till is recording now is
            # committed before this balance is read, or this ask is retried
            ledger._lock(partner)
            Hold = self.env["customer.wallet.hold"]
            Hold._customer_wallet_release(self, partner, pos_reference)
            other = Hold._customer_wallet_held_by_other(self, partner, pos_reference)
            if other:
                return {
                    "allowed": False,
                    "balance": ledger._balances(partner, company).get(partner.id, 0.0),
                    "message": _(
                        "The order %(order)s is already being paid from the wallet "
                        "of another customer: wait %(minutes)s minutes or start a "
                        "new order.",
                        order=pos_reference,
                        minutes=HOLD_MINUTES,
                    ),
                }
        balance = ledger._balances(partner, company).get(partner.id, 0.0)
        result = {"allowed": True, "balance": balance}
        if currency.compare_amounts(amount, 0.0) <= 0:
            return result
        # the till's own unsynced credits (offline top-ups) are not known
        # here: they cannot make room for a debit
        checked = amount + max(unsynced_amount or 0.0, 0.0)
        try:
            ledger._check_debit(partner, checked, journal)
        except UserError as error:
            result.update(
                allowed=False,
                message=self._customer_wallet_held_message(
                    partner, journal, balance, checked, amount
                )
                or error.args[0],
            )
            return result
        if pos_reference:
            self.env["customer.wallet.hold"]._customer_wallet_hold(
                self, partner, pos_reference, amount
            )
            result["hold_seconds"] = HOLD_MINUTES * 60
        return result

    def _customer_wallet_held_message(self, wallet, journal, balance, checked, amount):
        """Why an ask is refused when other tills keep the money it lacks: the
        tills and until when; None when the wallet is too low without them.

        :param balance: the wallet's balance, the other tills' holds deducted
        :param checked: what the ask checked (the order and the till's orders
            the server does not know yet)
        """
        holds = self.env["customer.wallet.hold"]._customer_wallet_held_elsewhere(
            self, wallet
        )
        if not holds:
            return None
        currency = self.company_id.currency_id
        held = sum(holds.mapped("amount"))
        minimum = journal._customer_wallet_minimum() if journal else 0.0
        if currency.compare_amounts(balance + held - checked, minimum) < 0:
            return None
        return _(
            "The wallet of %(partner)s has %(balance)s left for the %(amount)s "
            "of this order: the point of sale %(point_of_sale)s keeps %(held)s "
            "of it for another order until %(time)s.",
            partner=wallet.display_name,
            balance=format_amount(self.env, balance, currency),
            amount=format_amount(self.env, amount, currency),
            point_of_sale=", ".join(holds.session_id.config_id.mapped("display_name")),
            held=format_amount(self.env, held, currency),
            time=format_time(
                self.env, max(holds.mapped("expiry")), time_format="short"
            ),
        )

    # ------------------------------------------------------------------
    # Session closing
    # ------------------------------------------------------------------

    def _validate_session(
        self,
        balancing_account=False,
        amount_to_balance=0,
        bank_payment_method_diffs=None,
    ):
        # The marker lets exactly the closing's own writes through: the
        # posting of the session's entry and, once it is posted, core marking
        # the paid orders done (guard.SessionClosing).
        marker = guard.SessionClosing(self.id)
        closing = self.with_context(**{guard.CONTEXT_KEY: marker, FLOW_KEY: marker})
        result = super(PosSession, closing)._validate_session(
            balancing_account=balancing_account,
            amount_to_balance=amount_to_balance,
            bank_payment_method_diffs=bank_payment_method_diffs,
        )
        # a closed session's till asks no more: what its holds kept is free
        self.env["customer.wallet.hold"]._customer_wallet_release_sessions(
            self.filtered(lambda session: session.state == "closed")
        )
        return result

    def _customer_wallet_method_ids(self):
        return set(self.payment_method_ids.filtered("is_customer_wallet_method").ids)

    def get_closing_control_data(self):
        # Nothing to count for a wallet: its payments are booked as recorded.
        data = super().get_closing_control_data()
        wallet_ids = self._customer_wallet_method_ids()
        data["other_payment_methods"] = [
            method
            for method in data["other_payment_methods"]
            if method["id"] not in wallet_ids
        ]
        return data

    def close_session_from_ui(self, bank_payment_method_diff_pairs=None):
        wallet_ids = self._customer_wallet_method_ids()
        pairs = [
            (method_id, diff)
            for method_id, diff in bank_payment_method_diff_pairs or []
            if method_id not in wallet_ids
        ]
        return super().close_session_from_ui(bank_payment_method_diff_pairs=pairs)

    def _accumulate_amounts(self, data):
        """Take the wallet movements out of the core groups, per customer.

        Wallet payments leave the customer-identified receivable groups and
        top-up lines leave the untaxed sales group of the wallet account; both
        come back as journal items on the wallet account, one per customer.
        """
        data = super()._accumulate_amounts(data)
        wallet_payments = defaultdict(_amounts)
        wallet_top_ups = defaultdict(_amounts)
        account = self.company_id.customer_wallet_account_id
        Partner = self.env["res.partner"]
        for key in SPLIT_RECEIVABLE_KEYS:
            receivables = data.get(key, {})
            for payment in list(receivables):
                if not payment.payment_method_id.is_customer_wallet_method:
                    continue
                amounts = receivables.pop(payment)
                partner = Partner._find_accounting_partner(payment.partner_id)
                for field in ("amount", "amount_converted"):
                    wallet_payments[partner][field] += amounts[field]
        if account:
            self._customer_wallet_regroup_top_ups(data, account, wallet_top_ups)
        data["customer_wallet_payments"] = wallet_payments
        data["customer_wallet_top_ups"] = wallet_top_ups
        return data

    def _customer_wallet_regroup_top_ups(self, data, account, wallet_top_ups):
        """Move the top-up lines out of the sales, to their customer's wallet.

        A top-up line that cannot be booked on the wallet account (sold to
        no customer, taxed, with another income account: a product shared
        with a company whose account differs, a fiscal position mapping the
        account or a tax) refuses the closing: left in the sales, the money
        paid for it would be booked as revenue and never reach the wallet.
        """
        sales = data["sales"]
        rounding = self.currency_id.rounding
        Partner = self.env["res.partner"]
        for order in self.order_ids.filtered(lambda order: not order.is_invoiced):
            for order_line in order.lines.filtered(
                lambda line: line.product_id.is_customer_wallet_product
            ):
                line = self._prepare_line(order_line)
                self._customer_wallet_check_top_up(order_line, line, account)
                sale_key = (
                    account.id,
                    -1 if line["amount"] < 0 else 1,
                    (),
                    line["base_tags"],
                )
                if sale_key not in sales:
                    raise UserError(
                        _(
                            "The wallet top-up %(product)s of the order %(order)s "
                            "is missing from the sales of the session %(session)s: "
                            "it cannot be moved to the wallet of %(partner)s.",
                            product=order_line.product_id.display_name,
                            order=order.name,
                            session=self.name,
                            partner=order.partner_id.display_name,
                        )
                    )
                amounts = self._update_amounts(
                    _amounts(),
                    {"amount": line["amount"]},
                    line["date_order"],
                    round=False,
                )
                partner = Partner._find_accounting_partner(order.partner_id)
                for field in ("amount", "amount_converted"):
                    wallet_top_ups[partner][field] += amounts[field]
                    sales[sale_key][field] -= amounts[field]
                if float_is_zero(
                    sales[sale_key]["amount"], precision_rounding=rounding
                ) and float_is_zero(
                    sales[sale_key]["amount_converted"], precision_rounding=rounding
                ):
                    del sales[sale_key]

    def _customer_wallet_check_top_up(self, order_line, line, account):
        """Refuse a top-up line the closing cannot book on the wallet account.

        :param line: the closing's values of the line (``_prepare_line``)
        """
        order = order_line.order_id
        values = {
            "product": order_line.product_id.display_name,
            "order": order.name,
            "session": self.name,
        }
        if not order.partner_id:
            raise UserError(
                _(
                    "The wallet top-up %(product)s of the order %(order)s has no "
                    "customer: the session %(session)s cannot be closed until the "
                    "order is refunded or its customer set.",
                    **values,
                )
            )
        if line["taxes"]:
            raise UserError(
                _(
                    "The wallet top-up %(product)s of the order %(order)s is taxed "
                    "(%(taxes)s): the session %(session)s cannot book it on the "
                    "wallet of its customer.",
                    taxes=", ".join(
                        order_line.tax_ids_after_fiscal_position.mapped("name")
                    ),
                    **values,
                )
            )
        if line["income_account_id"] != account.id:
            income = self.env["account.account"].browse(line["income_account_id"])
            raise UserError(
                _(
                    "The wallet top-up %(product)s of the order %(order)s is "
                    "booked on %(income)s instead of the wallet account "
                    "%(account)s of %(company)s: check the income account of the "
                    "product in that company and the fiscal position "
                    "%(fiscal_position)s before closing the session %(session)s.",
                    income=income.display_name,
                    account=account.display_name,
                    company=self.company_id.name,
                    fiscal_position=order.fiscal_position_id.display_name or "-",
                    **values,
                )
            )

    def _create_non_reconciliable_move_lines(self, data):
        data = super()._create_non_reconciliable_move_lines(data)
        account = self.company_id.customer_wallet_account_id
        rounding = self.currency_id.rounding
        vals_list = []
        for partner, amounts in data.get("customer_wallet_payments", {}).items():
            if float_is_zero(amounts["amount"], precision_rounding=rounding):
                continue
            vals_list.append(
                self._debit_amounts(
                    self._customer_wallet_line_values(
                        account, partner, _("Wallet payments")
                    ),
                    amounts["amount"],
                    amounts["amount_converted"],
                )
            )
        for partner, amounts in data.get("customer_wallet_top_ups", {}).items():
            if float_is_zero(amounts["amount"], precision_rounding=rounding):
                continue
            vals_list.append(
                self._credit_amounts(
                    self._customer_wallet_line_values(
                        account, partner, _("Wallet top-ups")
                    ),
                    amounts["amount"],
                    amounts["amount_converted"],
                )
            )
        if vals_list and not account:
            raise UserError(
                _(
                    "Set the wallet account of %(company)s before closing a session "
                    "with wallet payments.",
                    company=self.company_id.name,
                )
            )
        MoveLine = data["MoveLine"]
        if vals_list and not MoveLine.env["account.analytic.distribution.model"].search(
            [], limit=1
        ):
            # Without any distribution model, the analytic distribution that
            # core would search for each customer's line is empty anyway:
            # one search for all of them instead of one per customer.
            for vals in vals_list:
                vals["analytic_distribution"] = False
        MoveLine.create(vals_list)
        return data

    def _customer_wallet_line_values(self, account, partner, label):
        if not partner:
            raise UserError(
                _(
                    "A wallet movement of the session %(session)s has no customer: "
                    "set the customer on its order before closing.",
                    session=self.name,
                )
            )
        return {
            "account_id": account.id,
            "move_id": self.move_id.id,
            "partner_id": partner.id,
            "name": _("%(session)s - %(label)s", session=self.name, label=label),
        }
