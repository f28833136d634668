# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestFee(KomunigiContributionCase):
    def _fee_amounts(self, invoices):
        return {move.partner_id: move.amount_untaxed for move in invoices}

    def test_shared_fee_splits_the_month_between_paying_members(self):
        contracts = self._start_fees(
            self.shop_a | self.shop_b | self.shop_c, "2026-03-01"
        )
        invoices = self._invoice_contracts(contracts)
        self.assertEqual(
            self._fee_amounts(invoices),
            {self.shop_a: 55.0, self.shop_b: 55.0, self.shop_c: 55.0},
        )
        self.assertEqual(set(invoices.mapped("invoice_date")), {date(2026, 3, 1)})
        self.assertEqual(sum(invoices.mapped("amount_untaxed")), 165.0)

    def test_fee_per_member_charges_the_whole_amount_to_each(self):
        self.company.komunigi_fee_mode = "per_member"
        contracts = self._start_fees(self.shop_a | self.shop_b, "2026-03-01")
        invoices = self._invoice_contracts(contracts)
        self.assertEqual(
            self._fee_amounts(invoices), {self.shop_a: 165.0, self.shop_b: 165.0}
        )

    def _month_total(self, month):
        self.env.flush_all()
        rows = self.env["komunigi.fee.report"].search(
            [("company_id", "=", self.company.id), ("month", "=", month)]
        )
        return sum(rows.mapped("amount_invoiced"))

    def test_member_admitted_on_a_shared_month_never_raises_its_total(self):
        """Issue 15: two members invoiced 82.50 each for December, a third
        admitted on 1 December starts paying in January."""
        contracts = self._start_fees(self.shop_a | self.shop_b, "2026-12-01")
        december = self._invoice_contracts(contracts)
        self.assertEqual(
            self._fee_amounts(december), {self.shop_a: 82.5, self.shop_b: 82.5}
        )
        december.action_post()
        late_contract = self._start_fees(self.shop_c, "2026-12-01")
        self.assertEqual(late_contract.date_start, date(2027, 1, 1))
        self.assertEqual(late_contract.contract_line_ids.price_unit, 55.0)
        first = self._invoice_contracts(late_contract)
        self.assertEqual(first.invoice_date, date(2027, 1, 1))
        self.assertEqual(first.amount_untaxed, 55.0)
        first.action_post()
        self.assertEqual(self._month_total(date(2026, 12, 1)), 165.0)
        january = self._invoice_contracts(contracts)
        january.action_post()
        self.assertEqual(
            self._fee_amounts(january), {self.shop_a: 55.0, self.shop_b: 55.0}
        )
        self.assertEqual(self._month_total(date(2027, 1, 1)), 165.0)

    def test_shared_month_adds_up_to_the_cent(self):
        self.company.komunigi_fee_amount = 100.0
        contracts = self._start_fees(
            self.shop_a | self.shop_b | self.shop_c, "2026-03-01"
        )
        invoices = self._invoice_contracts(contracts)
        self.assertEqual(
            sorted(invoices.mapped("amount_untaxed")), [33.33, 33.33, 33.34]
        )
        self.assertEqual(
            self.company.currency_id.compare_amounts(
                sum(invoices.mapped("amount_untaxed")), 100.0
            ),
            0,
        )

    def test_member_admitted_mid_month_pays_from_the_next_month(self):
        contracts = self._start_fees(
            self.shop_a | self.shop_b | self.shop_c, "2026-03-01"
        )
        self._invoice_contracts(contracts)
        late = self._create_member("Test Shop Late")
        late_contract = self._start_fees(late, "2026-03-15")
        self.assertEqual(late_contract.date_start, date(2026, 4, 1))
        # From April on, the month is shared between the four members.
        april = self._invoice_contracts(contracts | late_contract)
        self.assertEqual(set(april.mapped("amount_untaxed")), {41.25})
        self.assertEqual(len(april), 4)
        self.assertEqual(set(april.mapped("invoice_date")), {date(2026, 4, 1)})

    def test_member_admitted_mid_month_per_member_mode(self):
        self.company.komunigi_fee_mode = "per_member"
        late_contract = self._start_fees(self.shop_a, "2026-03-15")
        invoice = self._invoice_contracts(late_contract)
        self.assertEqual(invoice.invoice_date, date(2026, 4, 1))
        self.assertEqual(invoice.amount_untaxed, 165.0)

    def test_contract_line_shows_what_it_invoices(self):
        contracts = self._start_fees(self.shop_a | self.shop_b, "2026-03-01")
        self._invoice_contracts(contracts)
        self.assertEqual(set(contracts.contract_line_ids.mapped("price_unit")), {82.5})
        self.assertEqual(
            set(contracts.contract_line_ids.mapped("price_subtotal")), {82.5}
        )

    def test_a_month_keeps_the_settings_of_its_first_invoicing(self):
        contracts = self._start_fees(self.shop_a | self.shop_b, "2026-03-01")
        march = self._invoice_contracts(contracts[0])
        self.company.komunigi_fee_amount = 200.0
        march |= self._invoice_contracts(contracts[1])
        self.assertEqual(set(march.mapped("amount_untaxed")), {82.5})
        april = self._invoice_contracts(contracts)
        self.assertEqual(set(april.mapped("amount_untaxed")), {100.0})

    def test_fee_taxes_follow_the_setting(self):
        tax = self.company_data["default_tax_sale"]
        self.fee_product.taxes_id = tax
        self.assertEqual(self.company.komunigi_tax_rule, "standard")
        contract = self._start_fees(self.shop_a, "2026-03-01")
        taxed = self._invoice_contracts(contract)
        self.assertEqual(taxed.invoice_line_ids.tax_ids, tax)
        self.assertEqual(taxed.amount_untaxed, 165.0)
        self.assertEqual(
            taxed.amount_tax, self.company.currency_id.round(165.0 * tax.amount / 100)
        )
        self.company.komunigi_tax_rule = "none"
        untaxed = self._invoice_contracts(contract)
        self.assertFalse(untaxed.invoice_line_ids.tax_ids)
        self.assertEqual(untaxed.amount_total, 165.0)

    def test_fee_invoice_line_is_a_dated_membership(self):
        contract = self._start_fees(self.shop_a, "2026-03-01")
        invoice = self._invoice_contracts(contract)
        line = invoice.invoice_line_ids
        self.assertEqual(line.product_id, self.fee_product)
        self.assertEqual(line.contract_line_id, contract.contract_line_ids)
        membership = self.env["membership.membership_line"].search(
            [("account_invoice_line", "=", line.id)]
        )
        self.assertEqual(membership.partner, self.shop_a)
        self.assertEqual(membership.date_from, date(2026, 3, 1))
        self.assertEqual(membership.date_to, date(2026, 3, 31))
        self.assertEqual(membership.state, "waiting")

    @freeze_time("2026-03-20")
    def test_paid_fee_makes_the_member_paid(self):
        contract = self._start_fees(self.shop_a, "2026-03-01")
        invoice = self._invoice_contracts(contract)
        invoice.action_post()
        self.assertEqual(self.shop_a.membership_state, "invoiced")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": "2026-03-20"})._create_payments()
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(self.shop_a.membership_state, "paid")

    @freeze_time("2026-04-10")
    def test_membership_state_follows_the_current_month(self):
        contract = self._start_fees(self.shop_a, "2026-03-01")
        # March and April invoiced at once (the cron was late), then posted.
        invoices = self._invoice_contracts(contract) | self._invoice_contracts(contract)
        invoices.action_post()
        self.assertEqual(self.shop_a.membership_state, "invoiced")
        self.assertEqual(self.shop_a.membership_stop, date(2026, 4, 30))

    def test_fee_report_per_member_and_month(self):
        contracts = self._start_fees(self.shop_a | self.shop_b, "2026-03-01")
        march = self._invoice_contracts(contracts)
        march.action_post()
        april = self._invoice_contracts(contracts)
        april.action_post()
        paid = march.filtered(lambda m: m.partner_id == self.shop_a)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=paid.ids
        ).create({"payment_date": "2026-03-05"})._create_payments()
        self.env.flush_all()
        rows = self.env["komunigi.fee.report"].search(
            [("partner_id", "in", (self.shop_a | self.shop_b).ids)]
        )
        summary = {
            (row.partner_id, row.month): (row.amount_invoiced, row.amount_paid)
            for row in rows
        }
        self.assertEqual(
            summary,
            {
                (self.shop_a, date(2026, 3, 1)): (82.5, 82.5),
                (self.shop_b, date(2026, 3, 1)): (82.5, 0.0),
                (self.shop_a, date(2026, 4, 1)): (82.5, 0.0),
                (self.shop_b, date(2026, 4, 1)): (82.5, 0.0),
            },
        )

    def test_development_hours_never_on_a_fee_invoice(self):
        contract = self._start_fees(self.shop_a, "2026-03-01")
        invoice = self._invoice_contracts(contract)
        with self.assertRaisesRegex(ValidationError, "cannot mix"):
            invoice.write(
                {
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.development_product.id,
                                "quantity": 2.0,
                                "price_unit": 55.0,
                            }
                        )
                    ]
                }
            )
