"""The conversations the issues promise, over the REST webhook of a running bot
(demo calls list, today = 1 March 2026)."""


def test_walloon_strand_then_their_website(bot):
    visitor = bot.new_sender()
    assert "Agence FSE" in bot.text(visitor, "Wie beheert het Waalse luik?")
    assert "fse.be" in bot.text(visitor, "En wat is hun website?")


def test_project_integration_in_flanders_ends_at_europa_wse(bot):
    visitor = bot.new_sender()
    assert "thema" in bot.text(visitor, "Ik wil een AMIF-project indienen")
    assert "regio" in bot.text(visitor, "Het gaat over integratie van nieuwkomers")
    answer = bot.text(visitor, "In Vlaanderen")
    assert "Europa WSE" in answer and "europawse.be" in answer


def test_project_idea_about_return_ends_at_the_fod(bot):
    visitor = bot.new_sender()
    bot.text(visitor, "Ik heb een projectidee")
    assert "FOD Binnenlandse Zaken" in bot.text(visitor, "het gaat over terugkeer")


def test_open_calls_then_deadline_of_those(bot):
    visitor = bot.new_sender()
    listing = bot.text(visitor, "Welke oproepen zijn er nu open?")
    assert "Warm onthaal in de gemeente" in listing and "15 maart 2026" in listing
    assert "deadline" in bot.text(visitor, "Wat is de deadline daarvan?").lower()


def test_named_call_budget(bot):
    answer = bot.text(bot.new_sender(), "Hoeveel budget heeft oproep 579?")
    assert "6.500.000" in answer and "afgesloten" in answer


def test_french_visitor_is_pointed_to_agence_fse(bot):
    assert "Agence FSE" in bot.text(bot.new_sender(), "Bonjour, je voudrais des informations sur le FAMI")
