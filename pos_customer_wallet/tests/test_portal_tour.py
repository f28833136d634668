# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, fields
from odoo.tests import new_test_user, tagged
from odoo.tools.misc import format_date

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import CustomerWalletSetupMixin


@tagged("post_install", "-at_install")
class TestCustomerWalletPortalTour(CustomerWalletSetupMixin, TestPointOfSaleHttpCommon):
    """A member reads the wallet on the portal while the till's session is open."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        company = cls.company_data["company"]
        cls._setup_customer_wallet(company)
        cls.main_pos_config.write(
            {
                "payment_method_ids": [Command.link(cls.wallet_pm.id)],
                "use_pricelist": False,
                "tax_regime_selection": False,
            }
        )
        cls.bread = cls.env["product.product"].create(
            {
                "name": "Sourdough bread",
                "type": "consu",
                "available_in_pos": True,
                "list_price": 26.5,
                "taxes_id": [Command.clear()],
            }
        )
        for code in ("fr_BE", "nl_BE"):
            cls.env["res.lang"]._activate_lang(code)
        cls.member_2.lang = "nl_BE"
        cls.portal_members = {}
        for member, code in ((cls.member_1, "fr_BE"), (cls.member_2, "nl_BE")):
            cls.portal_members[code] = new_test_user(
                cls.env,
                login="wallet_member_%s" % code.lower(),
                groups="base.group_portal",
                partner_id=member.id,
                lang=code,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

    def _sync_purchase(self, session):
        """The till sends a 26.50 purchase of member 1, paid from the wallet."""
        now = fields.Datetime.to_string(fields.Datetime.now())
        uid = "00301-001-0001"
        self.env["pos.order"].create_from_ui(
            [
                {
                    "id": uid,
                    "to_invoice": False,
                    "data": {
                        "name": "Order %s" % uid,
                        "uid": uid,
                        "amount_paid": 26.5,
                        "amount_return": 0,
                        "amount_tax": 0,
                        "amount_total": 26.5,
                        "creation_date": now,
                        "fiscal_position_id": False,
                        "pricelist_id": session.config_id.pricelist_id.id,
                        "lines": [
                            Command.create(
                                {
                                    "product_id": self.bread.id,
                                    "qty": 1,
                                    "price_unit": 26.5,
                                    "price_subtotal": 26.5,
                                    "price_subtotal_incl": 26.5,
                                    "discount": 0,
                                    "tax_ids": [Command.set([])],
                                    "pack_lot_ids": [],
                                }
                            )
                        ],
                        "partner_id": self.member_1.id,
                        "pos_session_id": session.id,
                        "sequence_number": 1,
                        "statement_ids": [
                            Command.create(
                                {
                                    "amount": 26.5,
                                    "name": now,
                                    "payment_method_id": self.wallet_pm.id,
                                }
                            )
                        ],
                        "user_id": self.env.uid,
                    },
                }
            ]
        )
        return session.order_ids

    def test_member_sees_the_purchase_during_the_session(self):
        config = self.main_pos_config
        config.open_ui()
        session = config.current_session_id
        order = self._sync_purchase(session)
        self.assertEqual(order.pos_reference, "Order 00301-001-0001")
        self.assertEqual(self.balances(self.member_1), [73.5])

        self.start_tour(
            "/my", "pos_customer_wallet_portal", login="wallet_member_fr_be"
        )

        # the backend: the session is still open, the order not booked, the
        # balance of the member unchanged by reading it
        self.assertNotEqual(session.state, "closed")
        self.assertFalse(session.move_id)
        self.assertEqual(self.balances(self.member_1, self.member_2), [73.5, 20.0])
        # the dates are written in the member's language
        today = fields.Date.context_today(self.member_1)
        for code, member in self.portal_members.items():
            self.authenticate(member.login, member.login)
            page = self.url_open("/my/wallet").text
            self.assertIn(
                format_date(self.env(context={"lang": code}), today), page, code
            )
