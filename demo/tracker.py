"""Demo of the decision tracker over sessions, from the follow-up report (seed 002, CDIP/24/8).

The committee's sessions from the seventeenth to the twenty-fifth (their real dates, in
Geneva) and the next one; the eighteenth session's decision with its sub-decisions i) to
iii); the six paragraphs of the proposal with their text; and for each measure what was
done, examined and decided at each session, with the day its state took effect. Measures
followed over several sessions (1.2, 1.3, 5, 6) have their events written out; a measure
dealt with at one session gets its events from its own texts. References come in each of
their four forms: documents (CDIP/21/4), Chair's summaries (of CDIP/21), events (the round
table of 12 May 2017, the Secretariat's presentations) and a web page.

English from the French seed; the French original is kept in the _fr fields. Idempotent
like the rest of the demo (rows found by their natural key, saved only when they differ).
"""

import re
from datetime import date, timedelta

from reporting.models import (
    CommitteeDecision,
    DecisionItem,
    DecisionParagraph,
    DocumentReference,
    FollowUpAction,
    Measure,
    MeasureEvent,
    Session,
)

GENEVA = {"en": "Geneva", "fr": "Genève", "es": "Ginebra", "ar": "جنيف", "zh-hans": "日内瓦", "ru": "Женева"}

# Number: (first day, last day). CDIP/25 met in November 2020 after its postponement.
SESSIONS = {
    17: ((2016, 4, 11), (2016, 4, 15)),
    18: ((2016, 10, 31), (2016, 11, 4)),
    19: ((2017, 5, 15), (2017, 5, 19)),
    20: ((2017, 11, 27), (2017, 12, 1)),
    21: ((2018, 5, 14), (2018, 5, 18)),
    22: ((2018, 11, 19), (2018, 11, 23)),
    23: ((2019, 5, 20), (2019, 5, 24)),
    24: ((2019, 11, 18), (2019, 11, 22)),
    25: ((2020, 11, 9), (2020, 11, 13)),
}
# The session the committee meets at next, in the session week the demo closes for webinars.
NEXT_SESSION = 38

DECISION_ITEMS = [
    {
        "label": "i",
        "text": {
            "en": "to close the sub-item of agenda item 7 entitled “External review of WIPO technical assistance in "
            "the area of cooperation for development”;",
            "fr": "de clore l’examen du sous‑élément du point 7 de l’ordre du jour intitulé “Étude extérieure sur "
            "l’assistance technique fournie par l’OMPI dans le domaine de la coopération pour le développement”;",
        },
    },
    {
        "label": "ii",
        "text": {
            "en": "to open the discussion on WIPO technical assistance in the area of cooperation for development, "
            "focusing on the revised proposal of the delegation of Spain contained in Appendix I of the Summary by "
            "the Chair of the seventeenth session of the CDIP, under a new sub-item of agenda item 7, during the "
            "next six sessions of the CDIP; and",
            "fr": "d’ouvrir la discussion sur l’assistance technique fournie par l’OMPI dans le domaine de la "
            "coopération pour le développement en se concentrant sur la proposition révisée de la délégation de "
            "l’Espagne, qui fait l’objet de l’appendice I du résumé présenté par le président de la dix‑septième "
            "session du CDIP, dans un nouveau sous‑élément du point 7 de l’ordre du jour, au cours des six "
            "prochaines sessions du CDIP; et",
        },
    },
    {
        "label": "iii",
        "text": {
            "en": "at the end of that period, to discuss the final implementation of the revised proposal of the "
            "delegation of Spain contained in Appendix I of the Summary by the Chair of the seventeenth session of "
            "the CDIP, and the related documents CDIP/8/INF/1, CDIP/9/15, CDIP/9/16 and CDIP/16/6.",
            "fr": "à l’issue de cette période, d’examiner la mise en œuvre finale de la proposition révisée de la "
            "délégation de l’Espagne, qui fait l’objet de l’appendice I du résumé présenté par le président de la "
            "dix‑septième session du CDIP, et les documents connexes CDIP/8/INF/1, CDIP/9/15, CDIP/9/16 et "
            "CDIP/16/6.",
        },
    },
]

PARAGRAPHS = {
    "1": {
        "en": "The WIPO Secretariat will compile its current practices, tools and methodologies for the provision "
        "of technical assistance.\n"
        "In addition, WIPO should regularly provide a forum for member states to share their experiences, tools "
        "and methodologies on technical assistance and capacity building, in particular:\n"
        "(a) a one-day seminar should be held on the margins of the nineteenth session of the CDIP; and\n"
        "(b) a web forum to share ideas, practices and experiences should be established by WIPO. This forum "
        "could best be integrated through the existing web platforms previously created by WIPO.",
        "fr": "Le Secrétariat de l’OMPI dressera la liste de ses pratiques, outils et méthodes actuels concernant "
        "la fourniture d’une assistance technique.\n"
        "En outre, l’OMPI devrait régulièrement offrir aux États membres un cadre leur permettant de partager "
        "leurs données d’expérience, outils et méthodes en matière d’assistance technique et de renforcement des "
        "capacités, en particulier :\n"
        "a) un séminaire d’une journée devrait être organisé en marge de la dix‑neuvième session du CDIP, et\n"
        "b) un forum sur le Web, destiné à partager des idées, des pratiques et des données d’expérience, devrait "
        "être mis en place par l’OMPI.  La meilleure façon d’intégrer ce forum pourrait être au moyen des "
        "plateformes Web existantes, précédemment créées par l’OMPI.",
    },
    "2": {
        "en": "The WIPO Secretariat should continue to improve internal coordination within the Organization, "
        "collaboration with United Nations agencies and programmes and other relevant international "
        "organizations, and cooperation with national and regional IP offices on technical assistance, capacity "
        "building and development cooperation. The Secretariat will identify new proposals to this end and report "
        "to the CDIP.",
        "fr": "Le Secrétariat de l’OMPI devrait poursuivre l’amélioration de la coordination interne au sein de "
        "l’Organisation, la collaboration avec les institutions et programmes de l’Organisation des Nations Unies "
        "et les autres organisations internationales compétentes, ainsi que la coopération avec les offices "
        "nationaux et régionaux de propriété intellectuelle sur les questions relatives à l’assistance technique, "
        "au renforcement des capacités et à la coopération axée sur le développement.  Le Secrétariat recensera "
        "de nouvelles propositions à cet effet et en rendra compte au CDIP.",
    },
    "3": {
        "en": "The WIPO Secretariat should assess the existing tools and methodologies for measuring the impact, "
        "effectiveness and efficiency of technical assistance activities at different levels and, in that "
        "process, seek to identify areas for possible improvement. The information from this process should be "
        "used to design future technical assistance activities and follow-up in this area, and to address any "
        "shortcomings. WIPO should monitor and evaluate the long-term results of its technical assistance "
        "activities, in particular those aimed at improving the capacities of beneficiary institutions.\n"
        "To provide quality technical assistance, WIPO should consider following an established and balanced "
        "peer review procedure for studies commissioned by WIPO that are used in technical assistance.",
        "fr": "Le Secrétariat de l’OMPI devrait évaluer les outils et méthodes en vigueur pour mesurer l’incidence, "
        "l’efficacité et le bon fonctionnement des activités d’assistance technique à différents niveaux, et, "
        "dans ce processus, tenter de définir des domaines d’amélioration possible.  Les informations issues de "
        "ce processus devraient être utilisées pour élaborer des activités d’assistance technique futures ainsi "
        "que des activités de suivi dans ce domaine, et pour remédier à toute insuffisance éventuelle.  L’OMPI "
        "devrait suivre et évaluer les résultats sur le long terme des activités d’assistance technique de "
        "l’OMPI, en particulier celles visant l’amélioration des capacités des organismes bénéficiaires.\n"
        "Afin de fournir une assistance technique de qualité, l’OMPI devrait envisager de suivre une procédure "
        "établie et équilibrée d’examen par des spécialistes en ce qui concerne les études commandées par "
        "l’OMPI qui sont utilisées en matière d’assistance technique.",
    },
    "4": {
        "en": "Request the Secretariat to present a document containing WIPO’s existing practices for the "
        "selection of consultants for technical assistance. This will be for information purposes.",
        "fr": "Demander au Secrétariat de présenter un document contenant les pratiques existantes de l’OMPI "
        "concernant la sélection de consultants pour l’assistance technique.  Cela sera fait à titre informatif.",
    },
    "5": {
        "en": "Request the Secretariat to regularly update and, where possible, improve the online roster of "
        "consultants for technical assistance experts and consultants.",
        "fr": "Demander au Secrétariat de mettre à jour régulièrement et, si possible, d’améliorer la liste de "
        "consultants en ligne pour les experts et consultants en matière d’assistance technique.",
    },
    "6": {
        "en": "Request the Secretariat to consider possible improvements to the section of the WIPO website that "
        "communicates WIPO’s technical assistance activities, and to report on them.",
        "fr": "Demander au Secrétariat de réfléchir à des améliorations possibles de la section du site Web de "
        "l’OMPI consacrée à la communication des activités de l’OMPI en matière d’assistance technique, et d’en "
        "rendre compte.",
    },
}

# (paragraph, number): the day the present state took effect, and whether it produced the programme.
MEASURE_STATES = {
    ("1", 1): {"state_since": date(2018, 5, 18)},
    ("1", 2): {"state_since": date(2017, 12, 1)},
    # Under way since the committee asked for the webinar platform at its twenty-third session.
    ("1", 3): {"state_since": date(2019, 5, 24), "has_webinar_programme": True},
    ("2", 1): {"state_since": date(2018, 11, 23)},
    ("3", 1): {"state_since": date(2018, 11, 23)},
    ("3", 2): {"state_since": date(2017, 5, 19)},
    ("4", 1): {"state_since": date(2018, 5, 18)},
    ("5", 1): {"state_since": date(2019, 5, 24)},
    ("6", 1): {"state_since": date(2018, 5, 18)},
}

# Events held on another day than the first of their session (the round table before CDIP/19).
EVENT_DAYS = {("1", 2, "CDIP/19"): date(2017, 5, 12)}

WEB_PAGES = {
    ("6", 1): {
        "title": {
            "en": "Technical assistance and capacity building (WIPO website)",
            "fr": "Assistance technique et renforcement des capacités (site Web de l’OMPI)",
        },
        "url": "https://www.wipo.int/cooperation/en/technical_assistance/",
    },
}


def _event(kind: str, session: int | None, en: str, fr: str, occurred_on: date | None = None) -> dict:
    return {"kind": kind, "session": session, "text": {"en": en, "fr": fr}, "occurred_on": occurred_on}


IMPLEMENTED, EXAMINED, DECIDED = "implemented", "examined", "decided"

# The measures followed over several sessions, told session by session as in the seed.
EVENTS = {
    ("1", 2): [
        _event(
            IMPLEMENTED,
            19,
            "On 12 May 2017, on the margins of the nineteenth session of the CDIP, a “Round Table on Technical "
            "Assistance and Capacity Building: Sharing Experiences, Tools and Methodologies” was held. It was built "
            "around four themes: (i) needs assessment; (ii) planning and design; (iii) implementation; and (iv) "
            "monitoring and evaluation. Officials of WIPO’s sectors and divisions addressed each theme, and member "
            "states shared their experiences in an interactive discussion led by a moderator.",
            "Le 12 mai 2017 s’est tenue, en marge de la dix‑neuvième session du CDIP, une “Table ronde sur "
            "l’assistance technique et le renforcement des capacités : Partage des données d’expérience, outils et "
            "méthodes”.  Elle s’est articulée autour de quatre thèmes : i) évaluation des besoins;  ii) "
            "planification et conception;  iii) mise en œuvre;  et iv) suivi et évaluation.  Des responsables des "
            "différents secteurs et divisions de l’OMPI ont abordé chacun de ces thèmes.  Les États membres ont "
            "partagé, avec l’aide d’un animateur, leurs données d’expérience au cours d’une discussion interactive.",
            occurred_on=date(2017, 5, 12),
        ),
        _event(
            EXAMINED,
            19,
            "Delegations welcomed the success of the round table and stressed the quality of the meeting in both "
            "form and substance (report of the nineteenth session of the CDIP, paragraphs 37 to 61).",
            "Les délégations se sont félicitées de la réussite de la table ronde et ont souligné la qualité de la "
            "réunion, du point de vue tant de la forme que du fond (rapport de la dix‑neuvième session du CDIP, "
            "paragraphes 37 à 61).",
        ),
        _event(
            IMPLEMENTED,
            20,
            "At the twentieth session of the committee, the Secretariat presented a report of the round table "
            "(document CDIP/20/3), with the main features of the round table and a summary of the presentations by "
            "WIPO officials and of the contributions of member states.",
            "Lors de la vingtième session du comité, le Secrétariat a présenté un rapport de la table ronde "
            "(document CDIP/20/3).  Ce rapport présentait les principales spécificités de cette table ronde, ainsi "
            "qu’un résumé des exposés présentés par des fonctionnaires de l’OMPI et des contributions des États "
            "membres.",
        ),
        _event(
            EXAMINED,
            20,
            "Delegations hoped that the discussions would help improve the delivery of technical assistance in the "
            "future (report of the twentieth session of the CDIP, paragraphs 233 to 244).",
            "Les délégations ont exprimé l’espoir que les discussions menées contribueraient à améliorer la "
            "fourniture de l’assistance technique à l’avenir (rapport de la vingtième session du CDIP, paragraphes "
            "233 à 244).",
        ),
        _event(
            DECIDED,
            20,
            "The committee took note of the information contained in document CDIP/20/3.",
            "Le comité a pris note des informations contenues dans le document CDIP/20/3.",
        ),
    ],
    ("1", 3): [
        _event(
            EXAMINED,
            21,
            "Member states discussed the implementation of this measure on the basis of a presentation by the "
            "Secretariat on the feasibility of establishing a web forum to share ideas, practices and experiences on "
            "technical assistance (report of the twenty-first session of the CDIP, paragraphs 113 to 128).",
            "Les États membres ont évoqué la mise en œuvre de cette mesure sur la base d’un exposé du Secrétariat "
            "sur la faisabilité de la création d’un forum sur le Web consacré au partage des idées, des pratiques et "
            "des données d’expérience en matière d’assistance technique (rapport de la vingt et unième session du "
            "CDIP, paragraphes 113 à 128).",
        ),
        _event(
            DECIDED,
            21,
            "The committee decided to hold an interactive dialogue on technical assistance during its twenty-second "
            "session (report of the twenty-first session of the CDIP, paragraphs 285 to 291).",
            "Le comité a décidé d’engager un dialogue interactif sur l’assistance technique au cours de la "
            "vingt‑deuxième session du comité (rapport de la vingt et unième session du CDIP, paragraphes 285 à "
            "291).",
        ),
        _event(
            IMPLEMENTED,
            22,
            "The coordinators of the regional groups each designated a delegation as lead speaker to present "
            "experiences, practices and tools in providing or receiving technical assistance; an interactive "
            "dialogue then allowed the other member states to contribute (report, paragraphs 474 to 492). The "
            "Secretariat also presented the follow-up document CDIP/22/3 on the feasibility of a web forum.",
            "Les coordonnateurs des différents groupes régionaux ont désigné une délégation en tant que participant "
            "principal chargé de présenter des données d’expérience, des pratiques et des outils en matière de "
            "fourniture ou de réception d’une assistance technique, après quoi, un dialogue interactif a permis aux "
            "autres États membres de contribuer à la discussion (rapport, paragraphes 474 à 492).  Le Secrétariat a "
            "également présenté le document de suivi CDIP/22/3.",
        ),
        _event(
            EXAMINED,
            22,
            "Member states continued the discussion on the basis of document CDIP/22/3 (report of the "
            "twenty-second session of the CDIP, paragraphs 89 to 125).",
            "Les États membres ont poursuivi la discussion sur la base du document CDIP/22/3 (rapport de la "
            "vingt‑deuxième session du CDIP, paragraphes 89 à 125).",
        ),
        _event(
            DECIDED,
            22,
            "The committee asked the Secretariat to present a prototype of a discussion forum on technical "
            "assistance at its twenty-third session.",
            "Le comité a demandé au Secrétariat de présenter à sa vingt‑troisième session un prototype de forum de "
            "discussion consacré à l’assistance technique.",
        ),
        _event(
            IMPLEMENTED,
            23,
            "At the request of the twenty-second session, the Secretariat presented document CDIP/23/9, “Prototype "
            "of a discussion forum on technical assistance”, at the twenty-third session. It offered two options: "
            "option A, a forum in which participants would take part in weekly discussions; option B, a platform "
            "for monthly webinars. The Secretariat gave a live demonstration of each option and of its financial "
            "implications.",
            "À la demande de la vingt‑deuxième session du comité, le Secrétariat a présenté à la vingt‑troisième "
            "session le document CDIP/23/9 intitulé Prototype de forum de discussion consacré à l’assistance "
            "technique.  Ce document proposait deux options : l’option A consistait à créer un forum dans le cadre "
            "duquel les participants prendraient part à des discussions hebdomadaires;  l’option B visait à mettre "
            "en place une plateforme permettant d’organiser des webinaires mensuels.  Le Secrétariat a fait une "
            "démonstration en direct présentant les fonctionnalités de chacune de ces options et faisant état de "
            "leurs incidences financières respectives.",
        ),
        _event(
            EXAMINED,
            23,
            "Delegations welcomed the options put forward by the Secretariat and supported option B (report, "
            "paragraphs 233 to 249).",
            "Les délégations ont salué les options mises en avant par le Secrétariat et se sont prononcées en faveur "
            "de l’option B (rapport, paragraphes 233 à 249).",
        ),
        _event(
            DECIDED,
            23,
            "The committee took note of the presentation and requested the Secretariat to set up the webinar "
            "platform, as set out in option B, for an initial period of six months, and to carry out an independent "
            "evaluation at the twenty-fifth session of the committee for further consideration.",
            "Le comité a pris note de l’exposé et a demandé au Secrétariat de mettre en place la plateforme de "
            "webinaires, comme indiqué dans l’option B, pour une période initiale de six mois et de procéder à une "
            "évaluation indépendante à la vingt‑cinquième session du comité, pour un examen plus approfondi.",
        ),
    ],
    ("5", 1): [
        _event(
            IMPLEMENTED,
            20,
            "At the twentieth session of the committee, the Secretariat presented document CDIP/20/6, “Report on "
            "the WIPO Roster of Consultants”, with background on the roster, how it works and is used, and how it "
            "could be improved by its migration into the Enterprise Resource Planning (ERP) system.",
            "Lors de la vingtième session du comité, le Secrétariat a présenté le document CDIP/20/6 intitulé "
            "“Rapport sur la base de données relative à la liste des consultants de l’OMPI”.  Ce document contenait "
            "des informations générales sur la liste des consultants de l’OMPI, une description de son "
            "fonctionnement et de l’utilisation qui en était faite, ainsi que de la manière dont elle pourrait faire "
            "l’objet d’améliorations grâce à sa migration dans le système intégré de planification des ressources "
            "(ERP).",
        ),
        _event(
            EXAMINED,
            20,
            "Delegations supported the efforts to improve the roster and welcomed its future integration into "
            "WIPO’s ERP system. Some made proposals to modernise the roster (report, paragraphs 224 to 232).",
            "Les délégations ont appuyé les efforts visant à améliorer la liste des consultants et se sont "
            "félicitées de sa future intégration au sein du système ERP de l’OMPI.  Certaines délégations ont "
            "formulé des propositions relatives à la modernisation de la liste des consultants (rapport, paragraphes "
            "224 à 232).",
        ),
        _event(
            DECIDED,
            20,
            "The committee took note of the information contained in the document and decided that, once the "
            "roster was integrated into the ERP system, the Secretariat would give a presentation at a future "
            "session of the CDIP.",
            "Le comité a pris note des informations contenues dans le document et a décidé qu’une fois la liste "
            "intégrée dans le système ERP, le Secrétariat présenterait un exposé au cours d’une session ultérieure "
            "du CDIP.",
        ),
        _event(
            IMPLEMENTED,
            23,
            "At the twenty-third session of the committee, the Secretariat gave a presentation on the roster of "
            "consultants after its integration into the ERP system, explaining the improvements made to the "
            "database. It showed a trial version in English and announced that it would soon be available in "
            "French and Spanish.",
            "Lors de la vingt‑troisième session du comité, le Secrétariat a présenté un exposé sur la liste des "
            "consultants, par suite de son intégration dans le système ERP, au cours duquel il a expliqué les "
            "améliorations apportées à la base de données.  Le Secrétariat a présenté une version d’essai en anglais "
            "et a annoncé que celle‑ci serait bientôt disponible en français et en espagnol.",
        ),
        _event(
            EXAMINED,
            23,
            "Delegations acknowledged the usefulness of the presentation and welcomed that the interface would soon "
            "be available in other languages (report, paragraphs 285 to 290).",
            "Les délégations ont pris acte de l’utilité de l’exposé et se sont réjouies du fait que l’interface "
            "serait bientôt disponible dans d’autres langues (rapport, paragraphes 285 à 290).",
        ),
        _event(
            DECIDED,
            23,
            "The committee took note of the presentation.",
            "Le comité a pris note de l’exposé.",
        ),
    ],
    ("6", 1): [
        _event(
            IMPLEMENTED,
            19,
            "At the nineteenth session of the CDIP, the Secretariat presented document CDIP/19/10, “Possible "
            "improvements to WIPO’s technical assistance web page”. It found the information on technical "
            "assistance scattered across the WIPO website and proposed a new section, “Technical assistance and "
            "capacity building”, under “Development” in the “Cooperation” part of the website, gathering all the "
            "relevant information in eight categories for easier and quicker access.",
            "Lors de la dix‑neuvième session du CDIP, le Secrétariat a présenté le document CDIP/19/10 intitulé "
            "“Améliorations possibles de la page Web de l’OMPI relative à l’assistance technique”.  Ce document en "
            "arrivait à la conclusion que les informations étaient éparpillées sur le site Web de l’OMPI et "
            "proposait la création d’une nouvelle section intitulée “Assistance technique et renforcement des "
            "capacités” dans la partie “Développement” de la rubrique “Coopération”, réunissant toutes les "
            "informations pertinentes en huit catégories.",
        ),
        _event(
            EXAMINED,
            19,
            "Delegations took note of the proposal. Some suggested improvements: a link to information on the "
            "flexibilities in the IP system; contact details of WIPO’s divisions; a database of lessons learned and "
            "best practices; information on the implementation of the Development Agenda; and changes to the “All "
            "about IP” section. The Secretariat answered the questions raised (report, paragraphs 350 to 364).",
            "Les délégations ont pris note de la proposition du Secrétariat.  Certaines délégations ont fait des "
            "propositions en vue d’améliorer la page Web : créer un lien renvoyant aux informations relatives aux "
            "éléments de flexibilité du système de propriété intellectuelle;  ajouter les coordonnées des "
            "différentes divisions de l’OMPI;  créer une base de données des enseignements tirés et des pratiques "
            "recommandées;  fournir des informations concernant l’évolution de la mise en œuvre du Plan d’action "
            "pour le développement;  et apporter des modifications à la section “Tout sur la P.I.”.  Le Secrétariat "
            "a répondu aux questions soulevées (rapport, paragraphes 350 à 364).",
        ),
        _event(
            DECIDED,
            19,
            "The committee took note of the information contained in the document. The Secretariat was requested "
            "to implement the proposed improvements, taking into account the comments made by delegations, and to "
            "report back to the committee.",
            "Le comité a pris note des informations contenues dans ce document.  Le Secrétariat a été prié de "
            "mettre en œuvre les améliorations proposées en tenant compte des observations formulées par les "
            "délégations, et d’en rendre compte au comité.",
        ),
        _event(
            IMPLEMENTED,
            21,
            "At the twenty-first session, the Secretariat gave a presentation on the new technical assistance web "
            "page. It has two categories, “Technical assistance to governments” and “Technical assistance to IP "
            "users”, with information on national IP strategies, policy and legislative advice, business solutions "
            "for IP offices and capacity building, and a way to contact the technical assistance focal points "
            "(report, paragraphs 368 to 370).",
            "Au cours de la vingt et unième session du comité, le Secrétariat a présenté un exposé relatif à la "
            "nouvelle page Web consacrée à l’assistance technique.  Cette page est divisée en deux catégories : "
            "“Assistance technique aux gouvernements” et “Assistance technique aux utilisateurs de la propriété "
            "intellectuelle”.  Elle offre la possibilité de contacter les coordonnateurs de l’assistance technique "
            "(rapport, paragraphes 368 à 370).",
        ),
        _event(
            DECIDED,
            21,
            "The committee took note of the presentation.",
            "Le comité a pris note de l’exposé.",
        ),
    ],
}

# What the committee expects at a session, by measure: the evaluation asked for at CDIP/23 (done
# for CDIP/25) and, at the next session, the Secretariat's annual report on the webinars held.
DUE_AT_SESSIONS = {
    ("1", 3): [
        {
            "session": 25,
            "owner": "Development Agenda Coordination Division",
            "due_on": date(2020, 10, 9),
            "done_on": date(2020, 10, 2),
            "description": {
                "en": "Present an independent evaluation report on the webinar platform at the twenty-fifth "
                "session of the committee.",
                "fr": "Présenter un rapport d’évaluation indépendant sur la plateforme de webinaires à la "
                "vingt‑cinquième session du comité.",
            },
        },
        {
            "session": NEXT_SESSION,
            "owner": "Development Agenda Coordination Division",
            "due_weeks_before": 6,
            "description": {
                "en": "Submit the annual report on the webinars held last year, with next year’s plan.",
                "fr": "Soumettre le rapport annuel sur les webinaires tenus l’année dernière, avec le plan de "
                "l’année suivante.",
            },
        },
    ],
}

_SESSION_SYMBOL = re.compile(r"^[A-Z]+/(\d+)")


def _session_number(symbol: str) -> int | None:
    match = _SESSION_SYMBOL.match(symbol or "")
    return int(match.group(1)) if match else None


def load_sessions(upsert, *, today: date, next_week: tuple[date, date] | None) -> dict[int, Session]:
    """The sessions of the story, and the next one (in the session week the demo closes, else in two months)."""
    sessions = {
        number: upsert(
            Session, {"number": number}, {"starts_on": date(*first), "ends_on": date(*last), "venue": GENEVA}
        )
        for number, (first, last) in SESSIONS.items()
    }
    first, last = next_week or (today + timedelta(days=60), today + timedelta(days=64))
    sessions[NEXT_SESSION] = upsert(
        Session, {"number": NEXT_SESSION}, {"starts_on": first, "ends_on": last, "venue": GENEVA}
    )
    return sessions


def reference_values(item: dict, document: dict, sessions: dict[int, Session]) -> dict:
    """A reference of the demo data in its own form: a Chair's summary is named by its session, a
    presentation or a round table at a session (symbol CDIP/19) is an event with its day and place."""
    symbol = document["symbol"]
    number = _session_number(symbol)
    values = {
        "symbol": symbol,
        "title": document["title"],
        "paragraphs": document.get("paragraphs", {}),
        "kind": DocumentReference.Kind.DOCUMENT,
        "session": None,
        "held_on": None,
        "place": {},
    }
    if document["role"] == DocumentReference.Role.DECISION and number in sessions:
        values.update(kind=DocumentReference.Kind.CHAIR_SUMMARY, symbol="", session=sessions[number])
    elif symbol.count("/") == 1 and number in sessions:
        held_on = EVENT_DAYS.get((item["paragraph"], item["number"], symbol), sessions[number].starts_on)
        values.update(kind=DocumentReference.Kind.EVENT, held_on=held_on, place=GENEVA)
    return values


def load_paragraphs(upsert, *, decision: CommitteeDecision) -> dict[str, DecisionParagraph]:
    """The sub-decisions and the proposal's paragraphs with their text (before the measures, which belong to them)."""
    for order, item in enumerate(DECISION_ITEMS):
        upsert(DecisionItem, {"decision": decision, "label": item["label"]}, {"text": item["text"], "order": order})
    return {
        label: upsert(DecisionParagraph, {"decision": decision, "label": label}, {"text": text})
        for label, text in PARAGRAPHS.items()
    }


def measure_values(item: dict, paragraphs: dict[str, DecisionParagraph]) -> dict:
    """A measure's paragraph, the day its state took effect and what it produced (saved with the measure,
    so that a measure is recorded once)."""
    return {"decision_paragraph": paragraphs[item["paragraph"]], **MEASURE_STATES[(item["paragraph"], item["number"])]}


def load_decision_parts(upsert, *, decision: CommitteeDecision, sessions: dict[int, Session]) -> None:
    """Each measure's events, with its references attached to them, a web page, and what is due at a session."""
    for measure in decision.measures.order_by("paragraph", "number"):
        key = (measure.paragraph, measure.number)
        events = EVENTS.get(key) or _events_from_texts(measure)
        for order, spec in enumerate(events):
            upsert(
                MeasureEvent,
                {"measure": measure, "kind": spec["kind"], "session": sessions.get(spec["session"])},
                {"text": spec["text"], "occurred_on": spec.get("occurred_on"), "order": order},
            )
        _attach_references(measure, sessions)
        if key in WEB_PAGES:
            page = WEB_PAGES[key]
            upsert(
                DocumentReference,
                {"measure": measure, "kind": DocumentReference.Kind.WEB_PAGE, "url": page["url"]},
                {"role": DocumentReference.Role.IMPLEMENTATION, "title": page["title"], "order": 90},
            )
        for action in DUE_AT_SESSIONS.get(key, []):
            session = sessions[action["session"]]
            due_on = action.get("due_on") or session.starts_on - timedelta(weeks=action["due_weeks_before"])
            upsert(
                FollowUpAction,
                {"measure": measure, "description_en": action["description"]["en"]},
                {
                    "description": action["description"],
                    "owner": action["owner"],
                    "due_at_session": session,
                    "due_on": due_on,
                    "done_on": action.get("done_on"),
                },
            )


def _events_from_texts(measure: Measure) -> list[dict]:
    """A measure dealt with at one session: its texts become that session's events."""
    numbers = {
        _session_number(document.symbol) or (document.session.number if document.session_id else None)
        for document in measure.documents.select_related("session")
    } - {None}
    if len(numbers) != 1:
        return []
    [session] = numbers
    texts = (
        (IMPLEMENTED, "implementation"),
        (EXAMINED, "examination"),
        (DECIDED, "decision_taken"),
    )
    return [
        {
            "kind": kind,
            "session": session,
            "text": {"en": getattr(measure, f"{field}_en"), "fr": getattr(measure, f"{field}_fr")},
        }
        for kind, field in texts
        if getattr(measure, f"{field}_en")
    ]


def _attach_references(measure: Measure, sessions: dict[int, Session]) -> None:
    """Each reference goes with the event of its kind at its session, when the measure has one."""
    kinds = {
        DocumentReference.Role.IMPLEMENTATION: MeasureEvent.Kind.IMPLEMENTED,
        DocumentReference.Role.EXAMINATION: MeasureEvent.Kind.EXAMINED,
        DocumentReference.Role.DECISION: MeasureEvent.Kind.DECIDED,
    }
    events = {(event.kind, event.session_id): event for event in measure.events.all()}
    for reference in measure.documents.all():
        number = reference.session.number if reference.session_id else _session_number(reference.symbol)
        session = sessions.get(number)
        event = events.get((kinds[reference.role], session.pk if session else None))
        if reference.event_id != (event.pk if event else None):
            reference.event = event
            reference.full_clean()
            reference.save()
