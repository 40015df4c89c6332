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


# ------------------------------------------------------------------ knows what it does not know


def test_a_question_outside_amif_gets_a_polite_no_not_an_amif_answer(bot):
    for question in ("Wat is de hoofdstad van Frankrijk?", "Schrijf een gedicht over de zee"):
        answer = bot.text(bot.new_sender(), question)
        assert "kan ik je" in answer and "niet mee helpen" in answer, (question, answer)


def test_another_public_service_is_sent_to_the_municipality(bot):
    answer = bot.text(bot.new_sender(), "Hoe vraag ik een nieuwe identiteitskaart aan?")
    assert "gemeente" in answer and "AMIF" in answer


def test_an_amif_question_without_an_answer_is_answered_honestly(bot):
    answer = bot.text(bot.new_sender(), "Wanneer krijgen wij de saldobetaling van ons lopend project?")
    assert answer.startswith("Dat weet ik niet precies") and "europawse.be" in answer


def test_two_questions_in_one_message_get_two_answers(bot):
    answer = bot.text(bot.new_sender(), "Wie beheert het Waalse luik? En wat is hun website?")
    assert "Agence FSE" in answer and "fse.be" in answer
    answer = bot.text(bot.new_sender(), "Wat is AMIF en welke oproepen zijn er nu open?")
    assert "Asiel-, Migratie- en Integratiefonds" in answer and "Warm onthaal in de gemeente" in answer


def test_a_private_person_stays_one(bot):
    visitor = bot.new_sender()
    assert "individuele personen" in bot.text(visitor, "Ik ben vluchteling, kan ik geld krijgen van AMIF?")
    follow_up = bot.text(visitor, "waarom niet voor mij?")
    assert "OCMW" in follow_up and "Europa WSE" not in follow_up


# ------------------------------------------------------------------ understands what visitors refer to


def test_a_place_answers_the_region_question(bot):
    visitor = bot.new_sender()
    bot.text(visitor, "Ik wil een AMIF-project indienen")
    bot.text(visitor, "Het gaat over integratie van nieuwkomers")
    assert "Agence FSE" in bot.text(visitor, "We zijn een gemeente in Henegouwen").split(". ")[0]


def test_a_call_of_the_list_is_found_by_its_title_and_the_second_of_a_list(bot):
    answer = bot.text(bot.new_sender(), "Wat is de deadline van de oproep kansen voor nieuwkomers op de arbeidsmarkt?")
    assert "Kansen voor nieuwkomers op de arbeidsmarkt" in answer and "31 maart 2026" in answer
    visitor = bot.new_sender()
    bot.text(visitor, "Welke oproepen zijn er nu open?")
    answer = bot.text(visitor, "hoeveel budget heeft de tweede?")
    assert "Kansen voor nieuwkomers op de arbeidsmarkt" in answer and "2.500.000" in answer


def test_no_unrelated_call_is_attached_to_a_routing_answer(bot):
    for question in (
        "Ik heb een project rond terugkeer",
        "Ik wil een project rond legale migratie indienen",
        "We willen een integratieproject in Eupen",
    ):
        answer = bot.text(bot.new_sender(), question)
        assert "FOD Binnenlandse Zaken" in answer and "Kleinschalige opvang" not in answer, (question, answer)


def test_a_person_when_asked(bot):
    answer = bot.text(bot.new_sender(), "Ik wil graag met een medewerker spreken")
    assert "medewerker" in answer and "Europa WSE" in answer and "02 546 22 03" in answer
