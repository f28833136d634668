# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import http
from odoo.http import request
from odoo.tools.misc import format_amount

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class CustomerWalletPortal(CustomerPortal):
    _wallet_items_per_page = 20

    def _customer_wallet_partner(self):
        """The wallet of the logged-in member: their commercial entity, only."""
        return request.env.user.partner_id.commercial_partner_id

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "wallet_balance" in counters:
            # the balance, as the member reads amounts in their language
            company = request.env.company
            partner = self._customer_wallet_partner()
            ledger = request.env["customer.wallet.ledger"].sudo()
            balance = ledger._balances(partner.sudo(), company)[partner.id]
            values["wallet_balance"] = format_amount(
                request.env, balance, company.currency_id
            )
        return values

    @http.route(
        ["/my/wallet", "/my/wallet/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_wallet(self, page=1, **kw):
        company = request.env.company
        partner = self._customer_wallet_partner()
        # The member may not read journal items: the rows are read for their
        # own wallet only.
        ledger = request.env["customer.wallet.ledger"].sudo()
        wallet = partner.sudo()
        balance = ledger._balances(wallet, company)[partner.id]
        step = self._wallet_items_per_page
        # As the other portal lists: the pager brings any page (0, beyond the
        # last, not a number in the query string) back to one that exists.
        _opening, _rows, total = ledger._statement_rows(wallet, company, limit=1)
        pager = portal_pager(url="/my/wallet", total=total, page=page, step=step)
        _opening, rows, total = ledger._statement_rows(
            wallet,
            company,
            limit=step,
            offset=max(pager["offset"], 0),
            newest_first=True,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "wallet",
                "wallet_partner": partner,
                "wallet_balance": balance,
                "wallet_currency": company.currency_id,
                "wallet_rows": rows,
                "pager": pager,
                "default_url": "/my/wallet",
            }
        )
        return request.render("account_customer_wallet.portal_my_wallet", values)
