# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from collections import defaultdict

from odoo import SUPERUSER_ID, Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare
from odoo.tools.misc import format_amount, formatLang

from .. import guard

# Fields of an order that moved a wallet, frozen once it reached the server.
FROZEN_ORDER_FIELDS = (
    "partner_id",
    "state",
    "session_id",
    "company_id",
    "account_move",
    "pos_reference",
    "config_id",
)
WALLET_MANAGER_GROUP = "account_customer_wallet.group_customer_wallet_manager"


class PosOrder(models.Model):
    _inherit = "pos.order"

    customer_wallet_balance_after = fields.Monetary(
        string="Wallet Balance After",
        readonly=True,
        copy=False,
        help="Wallet balance of the customer once this order was recorded, as "
        "printed on the receipt.",
    )
    customer_wallet_balance_estimated = fields.Boolean(
        string="Wallet Balance Estimated",
        readonly=True,
        copy=False,
        help="The till was offline when the order was validated: the balance "
        "after the order printed on the receipt is an estimate.",
    )
    customer_wallet_overdraft = fields.Boolean(
        string="Wallet Overdraft",
        readonly=True,
        copy=False,
        index=True,
        help="The order reached the server after an offline period and left the "
        "customer's wallet below its limit. It was kept; a wallet manager has "
        "an activity to follow it up.",
    )

    def _customer_wallet_amount(self):
        """Net wallet movement of the order: top-ups minus wallet payments."""
        self.ensure_one()
        paid = sum(
            self.payment_ids.filtered(
                lambda payment: payment.payment_method_id.is_customer_wallet_method
            ).mapped("amount")
        )
        topped_up = sum(
            self.lines.filtered(
                lambda line: line.product_id.is_customer_wallet_product
            ).mapped("price_subtotal")
        )
        return topped_up - paid

    def _customer_wallet_touched(self):
        self.ensure_one()
        return any(
            self.payment_ids.payment_method_id.mapped("is_customer_wallet_method")
        ) or any(self.lines.product_id.mapped("is_customer_wallet_product"))

    # ------------------------------------------------------------------
    # Frozen once they moved a wallet
    # ------------------------------------------------------------------

    def write(self, vals):
        if not guard.in_order_sync(self.env):
            self._customer_wallet_check_held_reference(vals)
        frozen = self._customer_wallet_frozen_by(vals)
        if not frozen:
            return super().write(vals)
        names = [name for name in FROZEN_ORDER_FIELDS if name in vals]
        error = UserError(
            _(
                "The point of sale order %(order)s has moved a customer wallet: "
                "only a wallet manager may change its %(field)s.",
                order=frozen[:1].display_name,
                field=", ".join(
                    self._fields[name]._description_string(self.env) for name in names
                ),
            )
        )
        return frozen._customer_wallet_guard(
            lambda: super(PosOrder, self).write(vals),
            error,
            partners=self.env["res.partner"].browse(
                guard.record_id(vals.get("partner_id")) or []
            ),
            companies=self.env["res.company"].browse(
                guard.record_id(vals.get("company_id")) or []
            ),
        )

    def _customer_wallet_check_held_reference(self, vals):
        """Refuse to give an order the receipt number of a till's held order.

        A hold counts until a paid order of its session with its receipt
        number reaches the server: any other order given that number and
        session would stop it counting before its order is synced.
        """
        if "pos_reference" not in vals and "session_id" not in vals:
            return
        Hold = self.env["customer.wallet.hold"].sudo()
        now = fields.Datetime.now()
        for order in self:
            reference = vals.get("pos_reference", order.pos_reference)
            session_id = (
                guard.record_id(vals["session_id"]) or False
                if "session_id" in vals
                else order.session_id.id
            )
            if not reference or not session_id:
                continue
            if reference == order.pos_reference and session_id == order.session_id.id:
                continue
            if Hold.search_count(
                [
                    ("session_id", "=", session_id),
                    ("pos_reference", "=", reference),
                    ("expiry", ">", now),
                ],
                limit=1,
            ):
                raise UserError(
                    _(
                        "The receipt number %(reference)s is kept for an order that "
                        "its till has not synchronised yet: it cannot be given to "
                        "the order %(order)s.",
                        reference=reference,
                        order=order.display_name,
                    )
                )

    def _customer_wallet_frozen_by(self, vals):
        """The orders of ``self`` whose frozen fields ``vals`` changes."""
        names = [name for name in FROZEN_ORDER_FIELDS if name in vals]
        if not names or guard.in_order_sync(self.env):
            return self.browse()
        path = guard.marker(self.env)
        new_partner = self.env["res.partner"].browse(
            guard.record_id(vals.get("partner_id")) or []
        )

        def changes(order):
            for name in names:
                if name == "state":
                    state = vals["state"]
                    if (
                        state == order.state
                        # a draft order moves no wallet yet
                        or (order.state == "draft" and state == "cancel")
                        or (path is not None and path.allows_state(order, state))
                    ):
                        continue
                    return True
                if order.state == "draft":
                    continue
                if name == "pos_reference":
                    if (order.pos_reference or False) != (vals[name] or False):
                        return True
                elif name == "partner_id":
                    # a contact of the same wallet may take the customer's place
                    if (
                        order.partner_id.commercial_partner_id
                        != new_partner.commercial_partner_id
                    ):
                        return True
                elif order[name].id != (guard.record_id(vals[name]) or False):
                    return True
            return False

        return self.filtered(
            lambda order: changes(order) and order._customer_wallet_touched()
        )

    def _customer_wallet_is_manager(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(
            WALLET_MANAGER_GROUP
        )

    def _customer_wallet_guard(self, apply, error, partners=None, companies=None):
        """Make a change of frozen records of the orders, as a wallet manager.

        The wallets of the customers of the orders and of ``partners`` (the
        new customers) are locked; a wallet that ``apply()`` debits must not
        end below the limit of the orders' wallet journal.

        :param apply: makes the change, returns its result
        :param error: the UserError raised for any other user
        :param companies: the companies the orders move to, if any
        """
        if not self._customer_wallet_is_manager():
            raise error
        ledger = self.env["customer.wallet.ledger"]
        partners = self.partner_id | (partners or self.env["res.partner"])
        wallet_ids = set(ledger._lock(partners).values())
        companies = self.company_id | (companies or self.env["res.company"])
        before = {
            company: ledger._commercial_balances(wallet_ids, company)
            for company in companies
        }
        result = apply()
        for company, balances in before.items():
            currency = company.currency_id
            after = ledger._commercial_balances(wallet_ids, company)
            journal = self._customer_wallet_limit_journal(company)
            minimum = journal._customer_wallet_minimum() if journal else 0.0
            for wallet_id in sorted(wallet_ids):
                debit = ledger._round(balances[wallet_id] - after[wallet_id], currency)
                if (
                    currency.compare_amounts(debit, 0.0) > 0
                    and currency.compare_amounts(after[wallet_id], minimum) < 0
                ):
                    raise ledger._limit_error(
                        partners.browse(wallet_id),
                        company,
                        balances[wallet_id],
                        debit,
                        minimum,
                    )
        return result

    def _customer_wallet_limit_journal(self, company):
        """The wallet journal whose limit applies to the orders in the company."""
        for order in self.exists().filtered(lambda order: order.company_id == company):
            journal = order._customer_wallet_journal()
            if journal:
                return journal
        return self.env["account.journal"].search(
            [
                ("company_id", "=", company.id),
                ("is_customer_wallet_journal", "=", True),
            ],
            order="id",
            limit=1,
        )

    # ------------------------------------------------------------------
    # Checks of a synced order
    # ------------------------------------------------------------------

    @api.model
    def _customer_wallet_check_ui_order(self, data):
        """Refuse an order from the till whose wallet movements no till makes.

        :param data: the order as the till sends it (``create_from_ui``)
        :raise UserError: with the reason the till shows
        """
        name = data.get("name") or ""
        lines = data.get("lines") or []
        for line in lines:
            # core would write an existing line (of any order) with the others
            if not (
                isinstance(line, (list, tuple))
                and len(line) == 3
                and line[0] == Command.CREATE
                and isinstance(line[2], dict)
            ):
                raise UserError(
                    _(
                        "The order %(order)s changes recorded order lines: a point "
                        "of sale only sends new lines.",
                        order=name,
                    )
                )
        payments = [payment[2] for payment in data.get("statement_ids") or []]
        methods = (
            self.env["pos.payment.method"]
            .sudo()
            .browse(
                sorted(
                    {payment.get("payment_method_id") for payment in payments}
                    - {None, False}
                )
            )
        )
        wallet_method_ids = set(methods.filtered("is_customer_wallet_method").ids)
        wallet_payments = [
            payment
            for payment in payments
            if payment.get("payment_method_id") in wallet_method_ids
        ]
        Product = self.env["product.product"].sudo()
        top_ups = [
            line[2]
            for line in lines
            if Product.browse(
                line[2].get("product_id") or []
            ).is_customer_wallet_product
        ]
        if not wallet_payments and not top_ups:
            return
        if (
            top_ups
            and data.get("to_invoice")
            and not self._customer_wallet_is_manager()
        ):
            # core posts the invoice inside the sync, as the cashier: only
            # wallet managers credit a wallet with an invoice
            raise UserError(
                _(
                    "A wallet top-up cannot be invoiced at the till: validate the "
                    "order %(order)s without an invoice, or have a wallet manager "
                    "invoice the top-up in the backend.",
                    order=name,
                )
            )
        self._customer_wallet_check_refunded_qty(name, lines)
        session = self.env["pos.session"].browse(data.get("pos_session_id"))
        foreign = methods.filtered("is_customer_wallet_method") - (
            session.sudo().config_id.payment_method_ids
        )
        if foreign:
            raise UserError(
                _(
                    "The order %(order)s is paid with %(method)s, a wallet payment "
                    "method that is not one of the point of sale %(config)s.",
                    order=name,
                    method=foreign[:1].display_name,
                    config=session.sudo().config_id.display_name,
                )
            )
        currency = session.currency_id
        Tax = self.env["account.tax"]
        RefundedLine = self.env["pos.order.line"]
        refunded = [line[2].get("refunded_orderline_id") for line in lines]
        if all(refunded):
            RefundedLine = RefundedLine.browse(sorted(set(refunded))).exists()
        self._customer_wallet_check_movements(
            name,
            session.company_id,
            currency,
            self.env["res.partner"].browse(data.get("partner_id") or []).exists(),
            self.env["account.fiscal.position"].browse(
                data.get("fiscal_position_id") or []
            ),
            [
                {
                    "product": Product.browse(line["product_id"]),
                    "qty": line.get("qty") or 0.0,
                    "price_unit": line.get("price_unit") or 0.0,
                    "discount": line.get("discount") or 0.0,
                    # core gives a line sent without taxes those of its product
                    "taxes": (
                        Tax.browse(guard.command_ids(line["tax_ids"]))
                        if "tax_ids" in line
                        else Product.browse(line["product_id"]).taxes_id
                    ),
                    "price_subtotal": line.get("price_subtotal") or 0.0,
                    "price_subtotal_incl": line.get("price_subtotal_incl") or 0.0,
                    "refunded": self.env["pos.order.line"]
                    .browse(line.get("refunded_orderline_id") or [])
                    .exists(),
                }
                for line in top_ups
            ],
            currency.round(
                sum(payment.get("amount") or 0.0 for payment in wallet_payments)
            ),
            data.get("amount_total") or 0.0,
            (
                RefundedLine
                if all(refunded) and len(RefundedLine) == len(set(refunded))
                else None
            ),
        )

    @api.model
    def _customer_wallet_check_movements(
        self,
        name,
        company,
        currency,
        partner,
        fiscal_position,
        top_ups,
        wallet_amount,
        total,
        refunded_lines,
    ):
        """Refuse wallet movements of an order that no till makes.

        :param top_ups: the top-up lines, as dicts: product, qty, price_unit,
            discount, taxes, price_subtotal, price_subtotal_incl
        :param wallet_amount: the total of the wallet payments
        :param total: the total of the order
        :param refunded_lines: the lines the order's lines refund, or None when
            some line is not a refund
        """
        if not partner:
            raise UserError(
                _(
                    "The order %(order)s moves a customer wallet but has no "
                    "customer: choose the customer, then validate it again.",
                    order=name,
                )
            )
        account = company.customer_wallet_account_id
        # {refunded top-up line: what the order's lines take back of it}
        taken_back = {}
        for line in top_ups:
            product = line["product"]
            income = fiscal_position.map_account(
                product.sudo().with_company(company)._get_product_accounts()["income"]
            )
            if line["taxes"]:
                raise UserError(
                    _(
                        "The wallet top-up %(product)s of the order %(order)s is "
                        "taxed: a top-up is untaxed.",
                        product=product.display_name,
                        order=name,
                    )
                )
            if not account or income != account:
                raise UserError(
                    _(
                        "The wallet top-up %(product)s of the order %(order)s is not "
                        "booked on the wallet account of %(company)s: make that "
                        "account the income account of the product.",
                        product=product.display_name,
                        order=name,
                        company=company.display_name,
                    )
                )
            expected = currency.round(
                line["price_unit"] * line["qty"] * (1 - line["discount"] / 100.0)
            )
            for amount in (line["price_subtotal"], line["price_subtotal_incl"]):
                if currency.compare_amounts(amount, expected):
                    raise UserError(
                        _(
                            "The wallet top-up %(product)s of the order %(order)s "
                            "amounts to %(amount)s where its price, quantity and "
                            "discount make %(expected)s.",
                            product=product.display_name,
                            order=name,
                            amount=format_amount(self.env, amount, currency),
                            expected=format_amount(self.env, expected, currency),
                        )
                    )
            # the payment wizard sends no refunded lines: the sync does
            if "refunded" in line and currency.compare_amounts(expected, 0.0) < 0:
                refunded = line["refunded"]
                taken_back[refunded] = taken_back.get(refunded, 0.0) - expected
                self._customer_wallet_check_top_up_refund(
                    name,
                    partner.commercial_partner_id,
                    currency,
                    product,
                    refunded,
                    taken_back[refunded],
                )
        wallet = partner.commercial_partner_id
        if currency.compare_amounts(wallet_amount, 0.0) > 0:
            if currency.compare_amounts(wallet_amount, total) > 0:
                raise UserError(
                    _(
                        "The order %(order)s takes %(amount)s from the wallet of "
                        "%(partner)s, more than its total of %(total)s: a wallet "
                        "pays out no change.",
                        order=name,
                        amount=format_amount(self.env, wallet_amount, currency),
                        partner=wallet.display_name,
                        total=format_amount(self.env, total, currency),
                    )
                )
            return
        if currency.compare_amounts(wallet_amount, 0.0) == 0:
            return
        refund = -wallet_amount
        refundable = self._customer_wallet_refundable(wallet, refunded_lines, currency)
        if refundable is None:
            raise UserError(
                _(
                    "The order %(order)s puts %(amount)s back into the wallet of "
                    "%(partner)s but does not only refund orders paid from that "
                    "wallet.",
                    order=name,
                    amount=format_amount(self.env, refund, currency),
                    partner=wallet.display_name,
                )
            )
        if currency.compare_amounts(wallet_amount, total) < 0:
            raise UserError(
                _(
                    "The order %(order)s puts %(amount)s back into the wallet of "
                    "%(partner)s, more than the %(total)s it refunds.",
                    order=name,
                    amount=format_amount(self.env, refund, currency),
                    partner=wallet.display_name,
                    total=format_amount(self.env, -total, currency),
                )
            )
        if currency.compare_amounts(refund, refundable) > 0:
            raise UserError(
                _(
                    "The order %(order)s puts %(amount)s back into the wallet of "
                    "%(partner)s, more than the %(refundable)s that the refunded "
                    "orders paid from it and that was not refunded yet.",
                    order=name,
                    amount=format_amount(self.env, refund, currency),
                    partner=wallet.display_name,
                    refundable=format_amount(self.env, refundable, currency),
                )
            )

    @api.model
    def _customer_wallet_check_top_up_refund(
        self, name, wallet, currency, product, refunded, amount
    ):
        """Refuse a negative top-up line unless it refunds a recorded top-up
        of the wallet, up to what is left of it.

        :param refunded: the line it refunds (maybe empty)
        :param amount: what the order's lines take back of that line
        """
        original = refunded.order_id
        if not (
            refunded
            and refunded.product_id.sudo().is_customer_wallet_product
            and original.state not in ("draft", "cancel")
            and original.partner_id.commercial_partner_id == wallet
        ):
            raise UserError(
                _(
                    "The order %(order)s takes %(amount)s out of the wallet of "
                    "%(partner)s with a negative %(product)s that refunds no "
                    "top-up of that wallet.",
                    order=name,
                    amount=format_amount(self.env, amount, currency),
                    partner=wallet.display_name,
                    product=product.display_name,
                )
            )
        earlier = (
            self.env["pos.order.line"]
            .sudo()
            .search(
                [
                    ("refunded_orderline_id", "=", refunded.id),
                    ("order_id.state", "not in", ("draft", "cancel")),
                ]
            )
        )
        left = refunded.price_subtotal + sum(earlier.mapped("price_subtotal"))
        if currency.compare_amounts(amount, left) > 0:
            raise UserError(
                _(
                    "The order %(order)s takes %(amount)s back of the wallet top-up "
                    "of the order %(refunded)s, more than the %(left)s left of it.",
                    order=name,
                    amount=format_amount(self.env, amount, currency),
                    refunded=original.display_name,
                    left=format_amount(self.env, max(left, 0.0), currency),
                )
            )

    @api.model
    def _customer_wallet_check_refunded_qty(self, name, lines):
        """Refuse a refund of more than is left to refund of a sold line.

        Every recorded refund counts, whatever it was paid back with: what was
        refunded in cash cannot be refunded again to the wallet.

        :param lines: the order's lines, as the till sends them
        """
        refunding = defaultdict(float)
        for line in lines:
            vals = line[2]
            if vals.get("refunded_orderline_id"):
                refunding[vals["refunded_orderline_id"]] -= vals.get("qty") or 0.0
        if not refunding:
            return
        Line = self.env["pos.order.line"].sudo()
        originals = Line.browse(sorted(refunding)).exists()
        refunded = defaultdict(float)
        for group in Line.read_group(
            [
                ("refunded_orderline_id", "in", originals.ids),
                ("order_id.state", "not in", ("draft", "cancel")),
            ],
            ["refunded_orderline_id", "qty:sum"],
            ["refunded_orderline_id"],
        ):
            refunded[group["refunded_orderline_id"][0]] -= group["qty"]
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        for original in originals:
            left = original.qty - refunded[original.id]
            if float_compare(refunding[original.id], left, precision_digits=digits) > 0:
                raise UserError(
                    _(
                        "The order %(order)s refunds %(qty)s %(product)s of the "
                        "order %(refunded)s, more than the %(left)s left to refund "
                        "of the %(sold)s sold.",
                        order=name,
                        qty=formatLang(self.env, refunding[original.id], digits=digits),
                        product=original.product_id.display_name,
                        refunded=original.order_id.display_name,
                        left=formatLang(self.env, max(left, 0.0), digits=digits),
                        sold=formatLang(self.env, original.qty, digits=digits),
                    )
                )

    @api.model
    def _customer_wallet_refundable(self, wallet, refunded_lines, currency):
        """What the orders of the refunded lines paid from the wallet and was
        not refunded to it yet, or None unless each of them is an order of the
        wallet paid from it.
        """
        if not refunded_lines:
            return None
        originals = refunded_lines.order_id
        if any(
            order.state in ("draft", "cancel")
            or order.partner_id.commercial_partner_id != wallet
            for order in originals
        ):
            return None
        Payment = self.env["pos.payment"]
        wallet_method = ("payment_method_id.is_customer_wallet_method", "=", True)
        paid = {order: 0.0 for order in originals}
        for payment in Payment.search(
            [("pos_order_id", "in", originals.ids), wallet_method]
        ):
            paid[payment.pos_order_id] += payment.amount
        if any(currency.compare_amounts(amount, 0.0) <= 0 for amount in paid.values()):
            return None
        # the refunds recorded so far of these orders (the order being
        # checked is not recorded yet, or still a draft)
        refunds = Payment.search(
            [
                (
                    "pos_order_id.lines.refunded_orderline_id.order_id",
                    "in",
                    originals.ids,
                ),
                ("pos_order_id.state", "not in", ("draft", "cancel")),
                wallet_method,
            ]
        )
        return sum(paid.values()) + sum(refunds.mapped("amount"))

    @api.model
    def _customer_wallet_ui_partners(self, orders):
        """Customers of the UI orders that move a wallet."""
        candidates = []
        method_ids, product_ids = set(), set()
        for order in orders:
            data = order["data"]
            if not data.get("partner_id"):
                continue
            payments = {
                line[2].get("payment_method_id")
                for line in data.get("statement_ids") or []
            } - {None, False}
            products = {
                line[2].get("product_id") for line in data.get("lines") or []
            } - {None, False}
            candidates.append((data["partner_id"], payments, products))
            method_ids |= payments
            product_ids |= products
        if not candidates:
            return self.env["res.partner"]
        # Only the methods and products of these orders are read (core reads
        # them next anyway): no search over all of them. An archived wallet
        # method still moves the wallet (the pending amounts count it).
        wallet_method_ids = set(
            self.env["pos.payment.method"]
            .sudo()
            .browse(sorted(method_ids))
            .filtered("is_customer_wallet_method")
            .ids
        )
        wallet_product_ids = set(
            self.env["product.product"]
            .sudo()
            .browse(sorted(product_ids))
            .filtered("is_customer_wallet_product")
            .ids
        )
        partner_ids = {
            partner_id
            for partner_id, payments, products in candidates
            if payments & wallet_method_ids or products & wallet_product_ids
        }
        return self.env["res.partner"].browse(sorted(partner_ids))

    @api.model
    def create_from_ui(self, orders, draft=False):
        # Serialise with every other debit of these wallets (backend payments,
        # other tills, the same order sent twice) before core looks for an
        # already recorded copy of the order.
        partners = self._customer_wallet_ui_partners(orders)
        # What the recording of each order learns, kept for the results:
        # {customer: its wallet} of the wallets already locked, balances after
        # the last order of each wallet.
        sync = {"wallets": {}, "balances": {}}
        if partners and not draft:
            sync["wallets"] = self.env["customer.wallet.ledger"]._lock(partners)
        # Core rewrites and marks paid the orders it records: the marker lets
        # its writes through the frozen wallet orders (each order is checked
        # first, see _process_order). A client cannot set it: JSON has no such
        # value.
        results = super(
            PosOrder,
            self.with_context(
                customer_wallet_sync=sync, **{guard.CONTEXT_KEY: guard.ORDER_SYNC}
            ),
        ).create_from_ui(orders, draft=draft)
        recorded = self.browse([result["id"] for result in results])
        touched = recorded.filtered(
            lambda order: order.partner_id and order._customer_wallet_touched()
        )
        wallets = sync["wallets"]
        unknown = touched.partner_id.filtered(lambda partner: partner.id not in wallets)
        if unknown:
            wallets.update(self.env["customer.wallet.ledger"]._commercial_ids(unknown))
        balances = {}
        for company in touched.company_id:
            wallet_ids = {
                wallets[order.partner_id.id]
                for order in touched
                if order.company_id == company
            }
            known = {
                cid: balance
                for (company_id, cid), balance in sync["balances"].items()
                if company_id == company.id and cid in wallet_ids
            }
            missing = wallet_ids - set(known)
            balances[company.id] = dict(known)
            if missing:
                balances[company.id].update(
                    self.env["customer.wallet.ledger"]._commercial_balances(
                        missing, company
                    )
                )
        for result in results:
            order = recorded.browse(result["id"])
            if order in touched:
                partner = order.partner_id
                result.update(
                    customer_wallet_partner_id=partner.id,
                    customer_wallet_balance=balances[order.company_id.id].get(
                        wallets[partner.id], 0.0
                    ),
                    customer_wallet_balance_after=order.customer_wallet_balance_after,
                    customer_wallet_balance_estimated=(
                        order.customer_wallet_balance_estimated
                    ),
                )
        return results

    @api.model
    def _order_fields(self, ui_order):
        values = super()._order_fields(ui_order)
        # The balance printed on the receipt, computed by the till when the
        # order was validated: stored as printed, so that a reprint matches.
        if ui_order.get("customer_wallet_balance_after") is not None:
            values.update(
                customer_wallet_balance_after=ui_order["customer_wallet_balance_after"],
                customer_wallet_balance_estimated=bool(
                    ui_order.get("customer_wallet_balance_is_estimate")
                ),
            )
        return values

    def _process_order(self, order, draft, existing_order):
        # core calls it only for the orders it records (not for a copy of an
        # order already recorded): refuse a crafted order before any write
        self._customer_wallet_check_ui_order(order["data"])
        order_id = super()._process_order(order, draft, existing_order)
        if not draft:
            printed = order["data"].get("customer_wallet_balance_after")
            self.browse(order_id)._customer_wallet_record(
                keep_printed_balance=printed is not None
            )
        return order_id

    def _customer_wallet_record(self, keep_printed_balance=False):
        """Store the balance after the order and flag an overdraft.

        The order is already paid at the till: an overdraft never rejects it.

        :param keep_printed_balance: the till sent the balance it printed on
            the receipt; keep it rather than the balance computed here.
        """
        self.ensure_one()
        if not self.partner_id or not self._customer_wallet_touched():
            return
        company = self.company_id
        ledger = self.env["customer.wallet.ledger"]
        sync = self.env.context.get("customer_wallet_sync")
        wallet_id = sync and sync["wallets"].get(self.partner_id.id)
        if not wallet_id:
            wallet_id = ledger._lock(self.partner_id)[self.partner_id.id]
            if sync is not None:
                sync["wallets"][self.partner_id.id] = wallet_id
        # the order consumes the hold its till's ask recorded (if any)
        debit = -self._customer_wallet_amount()
        held = bool(self.pos_reference) and self.env[
            "customer.wallet.hold"
        ]._customer_wallet_consume(self, wallet_id, debit)
        balance = ledger._commercial_balances({wallet_id}, company)[wallet_id]
        if sync is not None:
            # the balance after the last recorded order of the wallet: the
            # balance the till shows once the orders are synchronised
            sync["balances"][(company.id, wallet_id)] = balance
        values = {}
        if not keep_printed_balance:
            values["customer_wallet_balance_after"] = balance
        journal = self._customer_wallet_journal()
        currency = company.currency_id
        # An order the server allowed under the lock is never flagged. One
        # without a hold was taken offline (or kept past its hold): kept, and
        # flagged when it left the wallet below its limit, the offline
        # allowance of every point of sale (with the "refuse" policy the till
        # takes no wallet payment offline: only an order whose hold expired
        # before it reached the server, or an outdated till, gets here).
        if (
            journal
            and not held
            and currency.compare_amounts(debit, 0.0) > 0
            and currency.compare_amounts(balance, journal._customer_wallet_minimum())
            < 0
        ):
            values["customer_wallet_overdraft"] = True
        if values:
            self.write(values)
        if values.get("customer_wallet_overdraft"):
            self._customer_wallet_notify_overdraft(balance, journal)

    def _customer_wallet_journal(self):
        self.ensure_one()
        methods = self.payment_ids.payment_method_id.filtered(
            "is_customer_wallet_method"
        )
        return methods[:1].journal_id or self.config_id._customer_wallet_journal()

    def _customer_wallet_notify_overdraft(self, balance, journal):
        """Give the wallet managers of the company an activity on the member."""
        self.ensure_one()
        group = self.env.ref(
            "account_customer_wallet.group_customer_wallet_manager",
            raise_if_not_found=False,
        )
        managers = (group.sudo().users if group else self.env["res.users"]).filtered(
            lambda user: self.company_id in user.company_ids
        )
        if not managers:
            return
        partner = self.partner_id.commercial_partner_id
        currency = self.company_id.currency_id
        note = _(
            "The point of sale order %(order)s reached the server after an offline "
            "period and left the wallet of %(partner)s at %(balance)s, below its "
            "limit of %(limit)s.",
            order=self.pos_reference or self.name,
            partner=partner.display_name,
            balance=currency.format(balance),
            limit=currency.format(journal._customer_wallet_minimum()),
        )
        for manager in managers.sorted("id"):
            partner.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Wallet overdraft"),
                note=note,
                user_id=manager.id,
            )

    def _export_for_ui(self, order):
        result = super()._export_for_ui(order)
        result.update(
            customer_wallet_balance_after=order.customer_wallet_balance_after,
            customer_wallet_balance_is_estimate=order.customer_wallet_balance_estimated,
        )
        return result
