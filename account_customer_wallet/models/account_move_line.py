# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

# Fields of a journal item whose change changes what it moves in a wallet.
WALLET_LINE_FIELDS = frozenset(
    {
        "partner_id",
        "account_id",
        "debit",
        "credit",
        "balance",
        "amount_currency",
        "currency_id",
        "company_id",
        "move_id",
    }
)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def init(self):
        res = super().init()
        # The posted wallet items of the partners: what the balances and the
        # balance search add up per commercial partner (sql.POSTED_BALANCES)
        # and the statement's movements; an index-only scan reads them
        # without visiting the table.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS account_move_line_customer_wallet_idx
                ON account_move_line (partner_id, account_id, company_id)
                   INCLUDE (balance)
             WHERE parent_state = 'posted'
            """
        )
        return res

    def _get_computed_taxes(self):
        # A wallet top-up is a prepayment, not a sale: never fall back on the
        # company's default sales tax.
        if (
            self.product_id.is_customer_wallet_product
            and self.move_id.is_sale_document(include_receipts=True)
        ):
            return self.env["account.tax"]
        return super()._get_computed_taxes()

    def _compute_account_id(self):
        res = super()._compute_account_id()
        # A top-up sold by invoice waits for its payment on the account of the
        # top-ups awaiting payment: the wallet is credited once it is paid.
        for line in self:
            company = line.company_id
            if (
                line.display_type == "product"
                and line.product_id.is_customer_wallet_product
                and line.move_id.is_sale_document(include_receipts=True)
                and company.customer_wallet_top_up_account_id
                and line.account_id == company.customer_wallet_account_id
            ):
                line.account_id = company.customer_wallet_top_up_account_id
        return res

    def _customer_wallet_top_up_lines(self):
        """The top-up lines of invoices, settled in the wallets once paid."""
        return self.filtered(
            lambda line: line.display_type == "product"
            and line.product_id.is_customer_wallet_product
            and line.move_id.is_sale_document(include_receipts=True)
            and line.account_id != line.company_id.customer_wallet_account_id
        )

    # ------------------------------------------------------------------
    # Posted wallet items change only through the ledger
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        move_ids = {vals.get("move_id") for vals in vals_list} - {False, None}
        posted = (
            self.env["account.move"]
            .browse(move_ids)
            .filtered(lambda move: move.state == "posted")
        )
        if not posted:
            return super().create(vals_list)
        ledger = self.env["customer.wallet.ledger"]
        partner_ids = {vals.get("partner_id") for vals in vals_list} - {False, None}
        ledger._lock(
            self.env["res.partner"].browse(partner_ids)
            | posted.partner_id.commercial_partner_id
        )
        lines = super().create(vals_list)
        ledger._check_items({}, ledger._posted_items(lines, strict=True))
        return lines

    def write(self, vals):
        if not WALLET_LINE_FIELDS.intersection(vals) and "product_id" not in vals:
            return super().write(vals)
        self._customer_wallet_check_top_up_change(vals)
        if not WALLET_LINE_FIELDS.intersection(vals):
            return super().write(vals)
        posted = self.filtered(lambda line: line.parent_state == "posted")
        wallet_accounts = posted.company_id.customer_wallet_account_id
        if not posted or not (
            posted.account_id & wallet_accounts
            or vals.get("account_id") in wallet_accounts.ids
        ):
            return super().write(vals)
        ledger = self.env["customer.wallet.ledger"]
        before = ledger._posted_items(posted)
        ledger._lock(
            posted.partner_id | posted.partner_id.browse(vals.get("partner_id"))
        )
        res = super().write(vals)
        ledger._check_items(before, ledger._posted_items(posted, strict=True))
        return res

    def _customer_wallet_check_top_up_change(self, vals):
        """The top-up lines of posted invoices are what their payment credits:
        only wallet managers change them (or make a line one)."""
        posted = self.filtered(lambda line: line.parent_state == "posted")
        if not posted:
            return
        lines = posted._customer_wallet_top_up_lines()
        if "product_id" in vals:
            product = self.env["product.product"].browse(vals["product_id"])
            if product.is_customer_wallet_product:
                lines = posted
        ledger = self.env["customer.wallet.ledger"]
        for line in lines:
            if not ledger._may_credit(line.move_id):
                raise AccessError(
                    _(
                        "Only wallet managers may change the wallet top-ups of the "
                        "invoice %(move)s.",
                        move=line.move_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted_customer_wallet_item(self):
        # force_delete included: a wallet movement is corrected by a reversal,
        # which the statement shows, never erased.
        for move, wallet in self.env["customer.wallet.ledger"]._posted_items(self):
            raise UserError(
                _(
                    "The entry %(move)s moves the wallet of %(partner)s: its posted "
                    "journal items cannot be deleted, reverse the entry instead.",
                    move=move.display_name,
                    partner=wallet.display_name,
                )
            )
