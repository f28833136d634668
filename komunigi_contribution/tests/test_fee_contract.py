# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestFeeContract(KomunigiContributionCase):
    def _candidate(self, name, community="users"):
        partner = self.env["res.partner"].create(
            {"name": name, "is_company": True, "komunigi_community": community}
        )
        partner.action_komunigi_make_candidate()
        return partner

    def _fee_contracts(self, partner):
        return self.env["contract.contract"].search(
            [("partner_id", "=", partner.id), ("is_komunigi_fee", "=", True)]
        )

    def test_admission_starts_the_monthly_fee_contract(self):
        candidate = self._candidate("Test New Shop")
        self.assertFalse(self._fee_contracts(candidate))
        with freeze_time("2026-03-15"):
            candidate.action_komunigi_admit()
        contract = self._fee_contracts(candidate)
        self.assertEqual(len(contract), 1)
        self.assertEqual(contract.company_id, self.company)
        # Admitted during March: the fee runs from the first of April.
        self.assertEqual(contract.date_start, date(2026, 4, 1))
        self.assertEqual(contract.recurring_next_date, date(2026, 4, 1))
        self.assertEqual(contract.recurring_rule_type, "monthlylastday")
        self.assertEqual(contract.contract_line_ids.product_id, self.fee_product)
        # Admitting again (after a withdrawal) never doubles a running contract.
        candidate._komunigi_start_fee_contract(self.company)
        self.assertEqual(len(self._fee_contracts(candidate)), 1)

    def test_developers_pay_no_fee(self):
        candidate = self._candidate("Test Developer Coop", community="developers")
        candidate.action_komunigi_admit()
        self.assertFalse(self._fee_contracts(candidate))

    def test_withdrawal_ends_the_contract_after_the_invoiced_month(self):
        candidate = self._candidate("Test Leaving Shop")
        with freeze_time("2026-03-01"):
            candidate.action_komunigi_admit()
        contract = self._fee_contracts(candidate)
        self._invoice_contracts(contract)
        with freeze_time("2026-03-10"):
            candidate.action_komunigi_withdraw()
        line = contract.contract_line_ids
        # March is invoiced and stays due: the contract ends with it.
        self.assertEqual(line.date_end, date(2026, 3, 31))
        self.assertEqual(contract.date_end, date(2026, 3, 31))
        self.assertFalse(line.recurring_next_date)
        self.assertFalse(self._invoice_contracts(contract))

    def test_withdrawal_before_invoicing_ends_on_the_withdrawal_date(self):
        candidate = self._candidate("Test Brief Shop")
        with freeze_time("2026-03-01"):
            candidate.action_komunigi_admit()
        contract = self._fee_contracts(candidate)
        with freeze_time("2026-03-10"):
            candidate.action_komunigi_withdraw()
        self.assertEqual(contract.contract_line_ids.date_end, date(2026, 3, 10))
        invoice = self._invoice_contracts(contract)
        # A member on the first of March pays the month, alone in shared mode.
        self.assertEqual(invoice.amount_untaxed, 165.0)
        self.assertFalse(self._invoice_contracts(contract))
