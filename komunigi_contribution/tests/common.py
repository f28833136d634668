# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.tests.common import new_test_user

from odoo.addons.account.tests.common import (
    AccountTestInvoicingCommon,
    AccountTestInvoicingHttpCommon,
)
from odoo.addons.komunigi_membership.tests.common import new_portal_user


class KomunigiContributionMixin:
    """A company with the komunigi fee settings, fee and development products,
    member organisations, a request project with its stages and users of each
    group; no demo data."""

    @classmethod
    def setup_company_data(cls, company_name, chart_template=None, **kwargs):
        """No chart of accounts for the second company of Odoo's accounting
        test base: these tests bill from one company, and a chart costs
        seconds of every class's set-up."""
        if company_name != "company_2_data":
            return super().setup_company_data(
                company_name, chart_template=chart_template, **kwargs
            )
        bare = cls.env["res.company"].create({"name": company_name})
        cls.env.user.company_ids |= bare
        return {"company": bare, "currency": bare.currency_id}

    @classmethod
    def _setup_komunigi(cls):
        cls.company = cls.company_data["company"]
        # Only the join conditions of the test count (none).
        cls.env["komunigi.join.condition"].sudo().search([]).active = False
        Product = cls.env["product.product"]
        cls.fee_product = Product.create(
            {
                "name": "Test komunigi fee",
                "detailed_type": "service",
                "membership": True,
                "komunigi_contribution_type": "fee",
                "list_price": 165.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.development_product = Product.create(
            {
                "name": "Test development hours",
                "detailed_type": "service",
                "komunigi_contribution_type": "development",
                "uom_id": cls.env.ref("uom.product_uom_hour").id,
                "uom_po_id": cls.env.ref("uom.product_uom_hour").id,
                "taxes_id": [Command.clear()],
            }
        )
        cls.company.write(
            {
                "komunigi_fee_amount": 165.0,
                "komunigi_fee_hours": 3.0,
                "komunigi_in_kind_hours": 1.0,
                "komunigi_fee_mode": "shared",
                "komunigi_development_hourly_rate": 55.0,
                "komunigi_fee_product_id": cls.fee_product.id,
                "komunigi_development_product_id": cls.development_product.id,
            }
        )
        cls.shop_a = cls._create_member("Test Shop A")
        cls.shop_b = cls._create_member("Test Shop B")
        cls.shop_c = cls._create_member("Test Shop C")
        cls.developers = cls._create_member("Test Developers", community="developers")
        cls.outsider = cls.env["res.partner"].create(
            {"name": "Test Outsider", "is_company": True}
        )
        # Improvement requests: a project of the company with the module's stages.
        stages = cls.env["project.task.type"].search(
            [("komunigi_request_state", "!=", False)]
        )
        cls.stages = {stage.komunigi_request_state: stage for stage in stages}
        cls.request_project = cls.env["project.project"].create(
            {
                "name": "Test requests",
                "company_id": cls.company.id,
                "komunigi_is_request_project": True,
                "privacy_visibility": "portal",
                "allow_timesheets": True,
                "type_ids": [Command.set(stages.ids)],
            }
        )
        cls.animation_project = cls.env["project.project"].create(
            {
                "name": "Test animation",
                "company_id": cls.company.id,
                "komunigi_is_animation_project": True,
                "allow_timesheets": True,
            }
        )
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Test Animator",
                "user_id": cls.env.user.id,
                "company_id": cls.company.id,
            }
        )
        cls.coordinator = cls._create_user(
            "contrib_coordinator", "komunigi_membership.group_komunigi_coordinator"
        )
        cls.core_member = cls._create_user(
            "contrib_core", "komunigi_membership.group_komunigi_core_team"
        )
        cls.komunigi_user = cls._create_user(
            "contrib_user", "komunigi_membership.group_komunigi_user"
        )
        cls.employee_user = cls._create_user("contrib_employee", "base.group_user")

    @classmethod
    def _create_user(cls, login, groups):
        return new_test_user(
            cls.env,
            login=login,
            name=login.replace("_", " ").title(),
            groups=groups,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @classmethod
    def _create_portal_user(cls, login, name, organisation):
        return new_portal_user(
            cls.env,
            login,
            name,
            organisation,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @classmethod
    def _create_member(cls, name, community="users"):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "komunigi_community": community,
                "komunigi_state": "member",
                "komunigi_admission_date": "2026-03-01",
            }
        )

    def _start_fees(self, partners, admission_date):
        partners.write({"komunigi_admission_date": admission_date})
        return partners._komunigi_start_fee_contract(self.company)

    def _invoice_contracts(self, contracts):
        """Invoice the next period of each contract; returns the invoices."""
        moves = self.env["account.move"]
        for contract in contracts:
            moves |= contract._recurring_create_invoice()
        return moves

    def _pay(self, invoice):
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": invoice.invoice_date})._create_payments()

    def _create_request(self, name="Test request", state="collected", **values):
        """A request created in the stage of state (a new request may start in
        any stage whose requirements it meets)."""
        vals = {
            "name": name,
            "project_id": self.request_project.id,
            "stage_id": self.stages[state].id,
            "komunigi_requester_id": self.shop_a.id,
        }
        vals.update(values)
        return self.env["project.task"].create(vals)

    def _create_estimated_request(self, hours=40.0, state="estimated", **values):
        return self._create_request(
            state=state,
            komunigi_specification="<p>Pay from the wallet at the till.</p>",
            komunigi_estimate_hours=hours,
            **values
        )

    def _share(self, request, partner, quantity, share_type="percent"):
        return self.env["komunigi.funding.share"].create(
            {
                "request_id": request.id,
                "partner_id": partner.id,
                "share_type": share_type,
                "quantity": quantity,
            }
        )

    def _funded_request(self, hours=40.0):
        request = self._create_estimated_request(hours=hours)
        request.stage_id = self.stages["funding"]
        self._share(request, self.shop_a, 50.0)
        self._share(request, self.shop_b, 50.0)
        request.stage_id = self.stages["funded"]
        return request


class KomunigiContributionCase(KomunigiContributionMixin, AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls._setup_komunigi()


class KomunigiContributionHttpCase(
    KomunigiContributionMixin, AccountTestInvoicingHttpCommon
):
    """The same, for the browser tours."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls._setup_komunigi()
