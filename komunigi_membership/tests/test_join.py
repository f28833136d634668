# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import re
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.translate import code_translations

from odoo.addons.portal.wizard.portal_wizard import PortalWizardUser

from .common import KomunigiCase, new_portal_user

JOIN_URL = "/komunigi/join"


@tagged("post_install", "-at_install")
class TestJoin(KomunigiCase, HttpCase):
    """An organisation joins komunigi from the public join page, as the
    public visitor: what the form creates, once, and what it refuses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_fr_BE").active = True
        cls.belgium = cls.env.ref("base.be")
        cls.candidate.with_user(cls.coordinator).action_komunigi_make_candidate()
        cls.taken = new_portal_user(
            cls.env, "taken@example.org", "Tom Taken", cls.outsider
        )
        cls.review_type = cls.env.ref(
            "komunigi_membership.mail_activity_type_review_candidacy"
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)
        # The first page of a run compiles the assets: give it time.
        html = self.url_open(JOIN_URL, timeout=120).text
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def _form(self, **changes):
        form = {
            "organisation": "Épicerie La Tomate",
            "city": "Namur",
            "country_id": str(self.belgium.id),
            "website": "latomate.example.org",
            "contact_name": "Élise Martin",
            "email": "Elise@LaTomate.example.org",
            "phone": "+32 81 12 34 56",
            "lang": "fr_BE",
            "message": "Nous aimerions rejoindre komunigi.\nÀ bientôt <b>!</b>",
            "csrf_token": self.token,
        }
        form.update(changes)
        return form

    def _post(self, **changes):
        return self.url_open(JOIN_URL, data=self._form(**changes), timeout=60)

    def _organisations(self, name="Épicerie La Tomate"):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("name", "=ilike", name)])
        )

    def _users(self, login="elise@latomate.example.org"):
        return (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", login)])
        )

    def _counts(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        return (
            Partner.search_count([]),
            self.env["res.users"].with_context(active_test=False).search_count([]),
            self.env["komunigi.admission.check"].search_count([]),
        )

    def _error_fields(self, html):
        return set(re.findall(r'o_komunigi_join_error"\s+data-field="(\w+)"', html))

    def test_join_page_shows_the_booklet_and_the_form(self):
        html = self.url_open(JOIN_URL, timeout=60).text
        sections = self.env["komunigi.booklet.section"].search([])
        self.assertTrue(sections)
        for section in sections:
            self.assertIn(section.name, html.replace("&#39;", "'"))
        # The lists of the booklet, always up to date: the conditions and the
        # member organisations, never the candidates.
        self.assertIn("Signs the intercooperation charter", html)
        self.assertIn("Test Supermarket A", html)
        self.assertNotIn("Test Candidate Shop", html)
        if "fee" in self.env["komunigi.booklet.section"]._fields[
            "automatic_content"
        ].get_values(self.env):
            # komunigi_contribution's fee and co-funding rule, from the settings.
            self.assertIn("komunigi_booklet_fee", html)
        self.assertIn('name="csrf_token"', html)
        self.assertIn(
            'href="/komunigi/join"', self.url_open("/komunigi/core-team").text
        )

    def test_valid_form_creates_the_candidate_once(self):
        activities_before = self.env["mail.activity"].search([])
        with patch.object(
            PortalWizardUser,
            "_send_email",
            autospec=True,
            side_effect=PortalWizardUser._send_email,
        ) as send_email:
            response = self._post()
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_komunigi_join_thanks", response.text)
        self.assertIn("elise@latomate.example.org", response.text.lower())
        organisation = self._organisations()
        self.assertEqual(len(organisation), 1)
        self.assertTrue(organisation.is_company)
        self.assertEqual(organisation.komunigi_state, "candidate")
        self.assertEqual(organisation.komunigi_community, "users")
        self.assertFalse(organisation.komunigi_admission_date)
        self.assertEqual(organisation.city, "Namur")
        self.assertEqual(organisation.country_id, self.belgium)
        self.assertEqual(organisation.website, "https://latomate.example.org")
        self.assertEqual(organisation.lang, "fr_BE")
        # The checklist of the users' community.
        self.assertEqual(
            organisation.komunigi_check_ids.condition_id,
            self.condition_charter | self.condition_visit | self.condition_odoo,
        )
        self.assertFalse(organisation.komunigi_check_ids.filtered("is_met"))
        contact = organisation.child_ids
        self.assertEqual(len(contact), 1)
        self.assertEqual(contact.name, "Élise Martin")
        self.assertEqual(contact.email, "elise@latomate.example.org")
        self.assertEqual(contact.phone, "+32 81 12 34 56")
        self.assertEqual(contact.lang, "fr_BE")
        # A portal account, invited by the core wizard's mail.
        user = self._users()
        self.assertEqual(user.partner_id, contact)
        self.assertTrue(user.has_group("base.group_portal"))
        self.assertFalse(user.has_group("base.group_user"))
        self.assertEqual(user.lang, "fr_BE")
        self.assertEqual(send_email.call_count, 1)
        self.assertEqual(send_email.call_args.args[0].partner_id, contact)
        self.assertTrue(contact.signup_valid)
        # The coordinators are told, the visitor's message escaped.
        note = organisation.message_ids.filtered(lambda m: m.author_id == contact)
        self.assertEqual(len(note), 1)
        self.assertIn("Nous aimerions rejoindre komunigi.<br>", note.body)
        self.assertIn("&lt;b&gt;!&lt;/b&gt;", note.body)
        activities = self.env["mail.activity"].search([]) - activities_before
        self.assertEqual(activities.activity_type_id, self.review_type)
        self.assertEqual(set(activities.mapped("res_id")), {organisation.id})
        self.assertIn(self.coordinator, activities.user_id)
        # The candidate follows its checklist on the portal.
        user.password = "elise-secret"
        self.authenticate(user.login, "elise-secret")
        page = self.url_open("/my/komunigi", timeout=60).text
        self.assertIn("Signs the intercooperation charter", page)
        self.assertIn("The general assembly approved the charter.", page)
        self.assertIn("o_komunigi_next_step", page)

    def test_second_post_creates_nothing_more(self):
        self._post()
        counts = self._counts()
        with patch.object(
            PortalWizardUser, "_send_email", autospec=True, return_value=True
        ) as send_email:
            # A second click, with the email written another way.
            response = self._post(email="elise@latomate.example.org")
        self.assertIn("o_komunigi_join_thanks", response.text)
        self.assertEqual(self._counts(), counts)
        self.assertEqual(len(self._organisations()), 1)
        self.assertEqual(len(self._users()), 1)
        self.assertFalse(send_email.called)
        # The same email for another organisation: refused, nobody named.
        response = self._post(organisation="Another Shop")
        self.assertIn("o_komunigi_join_errors", response.text)
        self.assertIn("already takes part in komunigi", response.text)
        self.assertNotIn("Épicerie La Tomate", response.text)
        self.assertEqual(self._counts(), counts)

    def test_invalid_inputs_are_refused(self):
        cases = [
            ({"organisation": " "}, "organisation", "name of your organisation"),
            ({"contact_name": ""}, "contact_name", "Write your name."),
            ({"email": ""}, "email", "Write your email address."),
            ({"email": "elise.example.org"}, "email", "valid email address"),
            ({"email": "a@example.org, b@example.org"}, "email", "valid email"),
            ({"email": "x" * 250 + "@example.org"}, "email", "at most 254"),
            ({"organisation": "x" * 129}, "organisation", "at most 128"),
            ({"message": "x" * 2001}, "message", "at most 2000"),
            ({"website": "my web site"}, "website", "address of your website"),
            ({"website": "ftp://example.org"}, "website", "address of your website"),
            ({"phone": "call me"}, "phone", "phone number"),
            ({"lang": "de_DE"}, "lang", "languages of the list"),
            ({"country_id": "999999"}, "country_id", "country"),
            ({"country_id": "be"}, "country_id", "country"),
        ]
        counts = self._counts()
        for changes, field, message in cases:
            with self.subTest(changes=changes):
                response = self._post(**changes)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_komunigi_join_errors", response.text)
                self.assertEqual(self._error_fields(response.text), {field})
                self.assertIn(message, response.text)
                self.assertNotIn("o_komunigi_join_thanks", response.text)
                self.assertEqual(self._counts(), counts)
        self.assertFalse(self._organisations())

    def test_bots_and_known_organisations_are_refused(self):
        counts = self._counts()
        delegate = self._delegate(self.shop_a)
        cases = [
            ({"komunigi_fax": "http://spam.example.com"}, "leave the hidden field"),
            # Already a member or a candidate, under another case of letters.
            ({"organisation": "test supermarket a"}, "already takes part"),
            ({"organisation": "TEST CANDIDATE SHOP"}, "already takes part"),
            ({"email": delegate.email.upper()}, "already takes part"),
            # The login of an account.
            ({"email": "Taken@example.org"}, "already takes part"),
        ]
        for changes, message in cases:
            with self.subTest(changes=changes):
                response = self._post(**changes)
                self.assertIn("o_komunigi_join_errors", response.text)
                self.assertIn(message, response.text)
                self.assertNotIn("Delegate of", response.text)
                self.assertNotIn("Tom Taken", response.text)
                self.assertEqual(self._counts(), counts)
        self.assertEqual(self.shop_a.child_ids, delegate)

    def test_crafted_post_sets_nothing_else(self):
        response = self._post(
            komunigi_state="member",
            komunigi_community="developers",
            komunigi_admission_date="2020-01-01",
            is_company="0",
            parent_id=str(self.shop_a.id),
            user_id=str(self.coordinator.id),
            groups_id=str(self.env.ref("base.group_system").id),
            company_id="1",
            name="Renamed",
            active="0",
        )
        self.assertIn("o_komunigi_join_thanks", response.text)
        organisation = self._organisations()
        self.assertEqual(organisation.komunigi_state, "candidate")
        self.assertEqual(organisation.komunigi_community, "users")
        self.assertFalse(organisation.komunigi_admission_date)
        self.assertFalse(organisation.parent_id)
        self.assertFalse(organisation.user_id)
        self.assertTrue(organisation.active)
        contact = organisation.child_ids
        self.assertEqual(contact.name, "Élise Martin")
        user = self._users()
        # The groups of the template of the portal users, nothing more.
        template = self.env["res.users"].browse(
            int(
                self.env["ir.config_parameter"].get_param(
                    "base.template_portal_user_id"
                )
            )
        )
        self.assertEqual(user.groups_id, template.groups_id)
        self.assertFalse(user.has_group("base.group_user"))
        self.assertEqual(self.shop_a.child_ids, self._delegate(self.shop_a))
        self.assertFalse(self._organisations("Renamed"))

    def test_post_without_csrf_token_is_refused(self):
        counts = self._counts()
        form = self._form()
        del form["csrf_token"]
        with mute_logger("odoo.http"):
            response = self.url_open(JOIN_URL, data=form, timeout=60)
        self.assertEqual(response.status_code, 400)
        with mute_logger("odoo.http"):
            response = self._post(csrf_token="forged")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._counts(), counts)
        self.assertFalse(self._organisations())

    def test_public_visitor_cannot_reach_the_candidates(self):
        self._post()
        organisation = self._organisations()
        for url in ("/my/komunigi", "/my/komunigi/booklet"):
            response = self.url_open(url, timeout=60)
            self.assertIn("/web/login", response.url, url)
            self.assertNotIn("Tomate", response.text)
        public = self.env.ref("base.public_user")
        for model in ("komunigi.admission.check", "komunigi.join.condition"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(public).search([])
        with self.assertRaises(AccessError):
            organisation.with_user(public).write({"komunigi_state": "member"})
        self.assertEqual(organisation.komunigi_state, "candidate")


@tagged("post_install", "-at_install")
class TestJoinTour(HttpCase):
    """The public visitor fills the join form in a real browser, on the demo
    database; the backend has the candidate afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The candidate writes in French: Odoo reads the French of every
        # module's code from its .po files the first time, outside the tour.
        modules = cls.env["ir.module.module"].search([("state", "=", "installed")])
        for module in modules.mapped("name"):
            code_translations.get_python_translations(module, "fr_BE")

    def test_visitor_joins_from_the_public_page(self):
        self.start_tour(JOIN_URL, "komunigi_membership_join")
        organisation = self.env["res.partner"].search(
            [("name", "=", "Épicerie La Tomate")]
        )
        self.assertEqual(organisation.komunigi_state, "candidate")
        self.assertEqual(
            organisation.komunigi_check_ids.condition_id,
            organisation._komunigi_applicable_conditions(),
        )
        user = self.env["res.users"].search(
            [("login", "=", "elise@latomate.example.org")]
        )
        self.assertEqual(user.partner_id.parent_id, organisation)
        self.assertEqual(user.lang, "fr_BE")
        self.assertTrue(user.share)
