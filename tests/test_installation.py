"""The four addons installed together, and the backend in a real browser."""

from odoo.tests import HttpCase, TransactionCase, tagged

ADDONS = [
    "account_customer_wallet",
    "pos_customer_wallet",
    "komunigi_membership",
    "komunigi_contribution",
]


@tagged("post_install", "-at_install")
class TestInstalledTogether(TransactionCase):
    def test_every_addon_is_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(
            sorted(modules.mapped("name")), sorted(ADDONS), "an addon is missing"
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})

    def test_demo_company_is_belgian_with_its_languages(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.country_id.code, "BE")
        self.assertEqual(company.currency_id.name, "EUR")
        self.assertEqual(
            company.chart_template_id, self.env.ref("l10n_be.l10nbe_chart_template")
        )
        langs = self.env["res.lang"].search([]).mapped("code")
        self.assertIn("fr_BE", langs)
        self.assertIn("nl_BE", langs)

    def test_pdf_reports_can_be_rendered(self):
        # the bootstrap installs wkhtmltopdf: statements and the welcome
        # booklet are PDFs, attached to emails
        self.assertEqual(self.env["ir.actions.report"].get_wkhtmltopdf_state(), "ok")


@tagged("post_install", "-at_install")
class TestBackendInBrowser(HttpCase):
    def test_admin_logs_in_to_the_backend(self):
        # Chromium logs in, loads the web client and finds the main menu and
        # the demo company: the browser path of the test suite works.
        self.browser_js(
            "/web",
            """
            const navbar = document.querySelector('.o_main_navbar');
            const company = odoo.__WOWL_DEBUG__.root.env.services.company;
            if (!navbar) {
                console.error('the main menu is not displayed');
            } else if (company.currentCompany.name !== 'BEES coop (demo)') {
                console.error('unexpected company ' + company.currentCompany.name);
            } else {
                console.log('test successful');
            }
            """,
            "odoo.isReady === true",
            login="admin",
        )
