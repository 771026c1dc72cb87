"""The demonstration content, as plain Python structures.

Translatable fields hold a dict of language code to text; the loader writes each into
its modeltranslation column (``title_en``, ``title_fr``...). Other apps' rows are named
by their natural keys (codes, slugs, e-mail addresses, usernames).

Dates are relative so the demo stays alive whatever the day it is loaded:
``years_ago`` counts back from the current year; the loader computes the open
consultation and the scheduled webinars from today.

French texts of the scope areas and of the committee decision and its measures come
from the two seed documents (the revised webinar strategy, and the report CDIP/24/8
on the implementation of the revised proposal of the delegation of Spain); the English
and Spanish are translations of them.
"""

SECRETARIAT_PASSWORD = "demo-secretariat-2026"
COORDINATOR_PASSWORD = "demo-coordinator-2026"

# --- Reference data ----------------------------------------------------------------

LANGUAGES = [
    {
        "code": "ar",
        "order": 1,
        "is_ui_language": True,
        "name": {
            "en": "Arabic",
            "fr": "Arabe",
            "es": "Árabe",
            "ar": "العربية",
            "zh-hans": "阿拉伯文",
            "ru": "Арабский",
        },
    },
    {
        "code": "zh-hans",
        "order": 2,
        "is_ui_language": True,
        "name": {
            "en": "Chinese",
            "fr": "Chinois",
            "es": "Chino",
            "ar": "الصينية",
            "zh-hans": "中文",
            "ru": "Китайский",
        },
    },
    {
        "code": "en",
        "order": 3,
        "is_ui_language": True,
        "name": {
            "en": "English",
            "fr": "Anglais",
            "es": "Inglés",
            "ar": "الإنكليزية",
            "zh-hans": "英文",
            "ru": "Английский",
        },
    },
    {
        "code": "fr",
        "order": 4,
        "is_ui_language": True,
        "name": {
            "en": "French",
            "fr": "Français",
            "es": "Francés",
            "ar": "الفرنسية",
            "zh-hans": "法文",
            "ru": "Французский",
        },
    },
    {
        "code": "ru",
        "order": 5,
        "is_ui_language": True,
        "name": {"en": "Russian", "fr": "Russe", "es": "Ruso", "ar": "الروسية", "zh-hans": "俄文", "ru": "Русский"},
    },
    {
        "code": "es",
        "order": 6,
        "is_ui_language": True,
        "name": {
            "en": "Spanish",
            "fr": "Espagnol",
            "es": "Español",
            "ar": "الإسبانية",
            "zh-hans": "西班牙文",
            "ru": "Испанский",
        },
    },
    {
        # A webinar language that the portal's pages are not written in.
        "code": "pt",
        "order": 7,
        "is_ui_language": False,
        "name": {
            "en": "Portuguese",
            "fr": "Portugais",
            "es": "Portugués",
            "ar": "البرتغالية",
            "zh-hans": "葡萄牙文",
            "ru": "Португальский",
        },
    },
]

REGIONS = [
    {
        "code": "africa",
        "order": 1,
        "name": {"en": "Africa", "fr": "Afrique", "es": "África", "ar": "أفريقيا", "zh-hans": "非洲", "ru": "Африка"},
    },
    {
        "code": "arab",
        "order": 2,
        "name": {
            "en": "Arab region",
            "fr": "Région arabe",
            "es": "Región árabe",
            "ar": "المنطقة العربية",
            "zh-hans": "阿拉伯区域",
            "ru": "Арабский регион",
        },
    },
    {
        "code": "asia-pacific",
        "order": 3,
        "name": {
            "en": "Asia and the Pacific",
            "fr": "Asie et Pacifique",
            "es": "Asia y el Pacífico",
            "ar": "آسيا والمحيط الهادئ",
            "zh-hans": "亚洲及太平洋",
            "ru": "Азиатско-Тихоокеанский регион",
        },
    },
    {
        "code": "lac",
        "order": 4,
        "name": {
            "en": "Latin America and the Caribbean",
            "fr": "Amérique latine et Caraïbes",
            "es": "América Latina y el Caribe",
            "ar": "أمريكا اللاتينية والكاريبي",
            "zh-hans": "拉丁美洲和加勒比",
            "ru": "Латинская Америка и Карибский бассейн",
        },
    },
    {
        "code": "central-europe",
        "order": 5,
        "name": {
            "en": "Central Europe and the Baltic States",
            "fr": "Europe centrale et États baltes",
            "es": "Europa Central y Estados Bálticos",
            "ar": "أوروبا الوسطى ودول البلطيق",
            "zh-hans": "中欧和波罗的海国家",
            "ru": "Центральная Европа и государства Балтии",
        },
    },
    {
        "code": "central-asia",
        "order": 6,
        "name": {
            "en": "Central Asia, the Caucasus and Eastern Europe",
            "fr": "Asie centrale, Caucase et Europe orientale",
            "es": "Asia Central, el Cáucaso y Europa Oriental",
            "ar": "آسيا الوسطى والقوقاز وأوروبا الشرقية",
            "zh-hans": "中亚、高加索和东欧",
            "ru": "Центральная Азия, Кавказ и Восточная Европа",
        },
    },
    {
        "code": "western-europe",
        "order": 7,
        "name": {
            "en": "Western Europe and other States",
            "fr": "Europe occidentale et autres États",
            "es": "Europa Occidental y otros Estados",
            "ar": "أوروبا الغربية ودول أخرى",
            "zh-hans": "西欧和其他国家",
            "ru": "Западная Европа и другие государства",
        },
    },
]

# Capitals whose office hours a webinar for the region should fall in (the scheduling screen
# shows each one's local time), chosen to span each region's time zones.
REGION_CAPITALS = {
    "africa": [
        {"city": "Dakar", "time_zone": "Africa/Dakar"},
        {"city": "Nairobi", "time_zone": "Africa/Nairobi"},
        {"city": "Pretoria", "time_zone": "Africa/Johannesburg"},
    ],
    "arab": [
        {"city": "Rabat", "time_zone": "Africa/Casablanca"},
        {"city": "Cairo", "time_zone": "Africa/Cairo"},
        {"city": "Riyadh", "time_zone": "Asia/Riyadh"},
    ],
    "asia-pacific": [
        {"city": "New Delhi", "time_zone": "Asia/Kolkata"},
        {"city": "Jakarta", "time_zone": "Asia/Jakarta"},
        {"city": "Beijing", "time_zone": "Asia/Shanghai"},
    ],
    "lac": [
        {"city": "Mexico City", "time_zone": "America/Mexico_City"},
        {"city": "Bogotá", "time_zone": "America/Bogota"},
        {"city": "Brasília", "time_zone": "America/Sao_Paulo"},
    ],
    "central-europe": [
        {"city": "Warsaw", "time_zone": "Europe/Warsaw"},
        {"city": "Budapest", "time_zone": "Europe/Budapest"},
    ],
    "central-asia": [
        {"city": "Chișinău", "time_zone": "Europe/Chisinau"},
        {"city": "Tbilisi", "time_zone": "Asia/Tbilisi"},
        {"city": "Astana", "time_zone": "Asia/Almaty"},
    ],
    "western-europe": [
        {"city": "Paris", "time_zone": "Europe/Paris"},
        {"city": "Washington", "time_zone": "America/New_York"},
    ],
}

# Days without webinars: the Organization's official holidays around the new year ((month, day),
# first and last, every year) and the committee's session week (placed by the loader in the
# month of the first webinar still to be scheduled, so the scheduling screen shows it).
HOLIDAYS = [
    {
        "first": (12, 24),
        "last": (12, 26),
        "title": {"en": "Christmas holidays", "fr": "Congés de Noël", "es": "Vacaciones de Navidad"},
    },
    {
        "first": (1, 1),
        "last": (1, 2),
        "title": {"en": "New Year holidays", "fr": "Congés du Nouvel An", "es": "Vacaciones de Año Nuevo"},
    },
]
COMMITTEE_SESSION = {
    "en": "Committee on Development, session week",
    "fr": "Comité du développement, semaine de session",
    "es": "Comité de Desarrollo, semana de sesiones",
}

# The seven regional groups of the organisation. Arab states sit in the African Group
# and in the Asia and the Pacific Group, so both cover the Arab region.
GROUPS = [
    {
        "code": "african",
        "order": 1,
        "regions": ["africa", "arab"],
        "name": {
            "en": "African Group",
            "fr": "Groupe des pays africains",
            "es": "Grupo Africano",
            "ar": "المجموعة الأفريقية",
            "zh-hans": "非洲集团",
            "ru": "Африканская группа",
        },
    },
    {
        "code": "asia-pacific",
        "order": 2,
        "regions": ["asia-pacific", "arab"],
        "name": {
            "en": "Asia and the Pacific Group",
            "fr": "Groupe des pays d’Asie et du Pacifique",
            "es": "Grupo de Asia y el Pacífico",
            "ar": "مجموعة آسيا والمحيط الهادئ",
            "zh-hans": "亚洲及太平洋集团",
            "ru": "Азиатско-Тихоокеанская группа",
        },
    },
    {
        "code": "cebs",
        "order": 3,
        "regions": ["central-europe"],
        "name": {
            "en": "Central European and Baltic States (CEBS)",
            "fr": "Groupe des pays d’Europe centrale et des États baltes (PECB)",
            "es": "Grupo de Estados de Europa Central y el Báltico (CEBS)",
            "ar": "مجموعة بلدان أوروبا الوسطى والبلطيق",
            "zh-hans": "中欧和波罗的海国家集团（CEBS）",
            "ru": "Группа государств Центральной Европы и Балтии (ГЦЕБ)",
        },
    },
    {
        "code": "grulac",
        "order": 4,
        "regions": ["lac"],
        "name": {
            "en": "Group of Latin American and Caribbean Countries (GRULAC)",
            "fr": "Groupe des pays d’Amérique latine et des Caraïbes (GRULAC)",
            "es": "Grupo de Países de América Latina y el Caribe (GRULAC)",
            "ar": "مجموعة بلدان أمريكا اللاتينية والكاريبي",
            "zh-hans": "拉丁美洲和加勒比国家集团（GRULAC）",
            "ru": "Группа стран Латинской Америки и Карибского бассейна (ГРУЛАК)",
        },
    },
    {
        "code": "group-b",
        "order": 5,
        "regions": ["western-europe"],
        "name": {
            "en": "Group B",
            "fr": "Groupe B",
            "es": "Grupo B",
            "ar": "المجموعة باء",
            "zh-hans": "B集团",
            "ru": "Группа B",
        },
    },
    {
        "code": "caceec",
        "order": 6,
        "regions": ["central-asia"],
        "name": {
            "en": "Central Asian, Caucasus and Eastern European Countries (CACEEC)",
            "fr": "Groupe des pays d’Asie centrale, du Caucase et d’Europe orientale (PACCEO)",
            "es": "Grupo de Países de Asia Central, el Cáucaso y Europa Oriental (CACEEC)",
            "ar": "مجموعة بلدان آسيا الوسطى والقوقاز وأوروبا الشرقية",
            "zh-hans": "中亚、高加索和东欧国家集团（CACEEC）",
            "ru": "Группа стран Центральной Азии, Кавказа и Восточной Европы (ГЦАКВЕ)",
        },
    },
    {
        "code": "china",
        "order": 7,
        "regions": ["asia-pacific"],
        "name": {"en": "China", "fr": "Chine", "es": "China", "ar": "الصين", "zh-hans": "中国", "ru": "Китай"},
    },
]

# Areas b) to f) of the strategy ("Champ d’application"), French as in the seed text.
SCOPE_AREAS = [
    {
        "code": "b",
        "order": 2,
        "is_in_scope": True,
        "title": {
            "en": "Development Agenda projects and their results",
            "fr": "Projets relevant du Plan d’action pour le développement et leurs résultats",
            "es": "Proyectos de la Agenda para el Desarrollo y sus resultados",
            "ar": "مشروعات جدول أعمال التنمية ونتائجها",
            "zh-hans": "发展议程项目及其成果",
            "ru": "Проекты Повестки дня в области развития и их результаты",
        },
        "description": {
            "en": "Briefings and presentations on Development Agenda projects and their results, both to give "
            "these projects greater visibility and to disseminate the studies and other tools produced under "
            "them to the stakeholders concerned. The briefings would be given by the relevant WIPO staff, by "
            "experts who took part in the projects, or by representatives of member states wishing to share "
            "their experience and the lessons they have learned.",
            "fr": "Des séances d’information et des exposés sur des projets relevant du Plan d’action pour le "
            "développement et leurs résultats, d’une part, pour donner davantage de visibilité à ces projets et, "
            "d’autre part, pour diffuser les études et autres outils produits dans ce cadre auprès des "
            "intervenants concernés.  Les séances d’information seraient assurées par le personnel compétent de "
            "l’OMPI, des experts ayant pris part aux projets, ou des représentants d’États membres souhaitant "
            "livrer leur expérience et les enseignements qu’ils en ont tirés.",
            "es": "Sesiones informativas y exposiciones sobre proyectos de la Agenda para el Desarrollo y sus "
            "resultados, por una parte para dar mayor visibilidad a dichos proyectos y, por otra, para difundir "
            "entre las partes interesadas los estudios y otras herramientas elaborados en ese marco. Las "
            "sesiones informativas estarían a cargo del personal competente de la OMPI, de expertos que hayan "
            "participado en los proyectos o de representantes de Estados miembros que deseen compartir su "
            "experiencia y las enseñanzas extraídas.",
            "ar": "جلسات إحاطة وعروض بشأن مشروعات جدول أعمال التنمية ونتائجها، من أجل إبراز هذه المشروعات على نحو "
            "أفضل ونشر الدراسات وغيرها من الأدوات المعدة في إطارها بين أصحاب المصلحة المعنيين. ويتولى تقديم جلسات "
            "الإحاطة موظفو الويبو المختصون أو خبراء شاركوا في المشروعات أو ممثلو الدول الأعضاء الراغبة في تبادل "
            "تجربتها والدروس التي استخلصتها.",
            "zh-hans": "关于发展议程项目及其成果的情况介绍会和专题介绍，一方面提高这些项目的知名度，另一方面向相关利益"
            "攸关方传播在项目框架下编写的研究报告和其他工具。情况介绍会将由产权组织相关工作人员、参与项目的专家或希望"
            "分享自身经验和所汲取教训的成员国代表主讲。",
            "ru": "Брифинги и презентации, посвященные проектам Повестки дня в области развития и их результатам, с "
            "тем чтобы повысить наглядность этих проектов и распространить среди заинтересованных сторон "
            "подготовленные в их рамках исследования и другие инструменты. Брифинги будут проводить соответствующие "
            "сотрудники ВОИС, эксперты, участвовавшие в проектах, или представители государств-членов, желающих "
            "поделиться своим опытом и извлеченными уроками.",
        },
    },
    {
        "code": "c",
        "order": 3,
        "is_in_scope": True,
        "title": {
            "en": "Technical assistance activities and projects under preparation",
            "fr": "Activités et projets d’assistance technique en préparation",
            "es": "Actividades y proyectos de asistencia técnica en preparación",
            "ar": "أنشطة المساعدة التقنية ومشروعاتها قيد الإعداد",
            "zh-hans": "正在筹备的技术援助活动和项目",
            "ru": "Мероприятия и проекты технической помощи в стадии подготовки",
        },
        "description": {
            "en": "Discussion of technical assistance activities or projects that could form part of the "
            "implementation of the Development Agenda recommendations. Member states could use this setting as "
            "a forum in which to discuss their respective proposals informally and seek the views of other "
            "member states, experts and/or WIPO staff on them, so as to refine them before submitting them to "
            "the CDIP. This collaborative approach could help improve the way projects and activities are "
            "developed.",
            "fr": "L’examen d’activités ou de projets en matière d’assistance technique qui pourraient s’inscrire "
            "dans la mise en œuvre des recommandations du Plan d’action pour le développement.  Les États "
            "membres pourraient se servir de ce cadre comme d’une enceinte dans laquelle ils pourraient débattre "
            "de manière informelle de leurs propositions respectives et solliciter l’avis d’autres États "
            "membres, d’experts et/ou de membres du personnel de l’OMPI à ce sujet, afin de les affiner avant de "
            "les soumettre au CDIP.  Cette approche collaborative pourrait contribuer à améliorer le processus "
            "d’élaboration des projets et activités.",
            "es": "El examen de actividades o proyectos de asistencia técnica que podrían enmarcarse en la "
            "aplicación de las recomendaciones de la Agenda para el Desarrollo. Los Estados miembros podrían "
            "utilizar este marco como un foro en el que debatir de manera informal sus respectivas propuestas y "
            "recabar la opinión de otros Estados miembros, de expertos o del personal de la OMPI al respecto, a "
            "fin de perfeccionarlas antes de presentarlas al CDIP. Este enfoque colaborativo podría contribuir a "
            "mejorar el proceso de elaboración de proyectos y actividades.",
            "ar": "مناقشة أنشطة أو مشروعات في مجال المساعدة التقنية يمكن أن تندرج في تنفيذ توصيات جدول أعمال التنمية. "
            "ويمكن للدول الأعضاء أن تستخدم هذا الإطار منتدى لمناقشة مقترحاتها بصورة غير رسمية والتماس آراء الدول "
            "الأعضاء الأخرى والخبراء و/أو موظفي الويبو بشأنها، بغية تحسينها قبل تقديمها إلى لجنة التنمية. ومن شأن هذا "
            "النهج التعاوني أن يسهم في تحسين عملية إعداد المشروعات والأنشطة.",
            "zh-hans": "讨论可纳入发展议程建议落实工作的技术援助活动或项目。成员国可将这一框架作为论坛，非正式地讨论各"
            "自的提案，并征求其他成员国、专家和/或产权组织工作人员的意见，以便在提交CDIP之前加以完善。这种协作方式有助"
            "于改进项目和活动的制定过程。",
            "ru": "Обсуждение мероприятий или проектов технической помощи, которые могли бы стать частью выполнения "
            "рекомендаций Повестки дня в области развития. Государства-члены могли бы использовать эти рамки как "
            "форум для неофициального обсуждения своих предложений и получения по ним мнений других "
            "государств-членов, экспертов и/или сотрудников ВОИС, с тем чтобы доработать их до представления в КРИС. "
            "Такой подход, основанный на сотрудничестве, мог бы способствовать совершенствованию процесса разработки "
            "проектов и мероприятий.",
        },
    },
    {
        "code": "d",
        "order": 4,
        "is_in_scope": True,
        "title": {
            "en": "Ideas for new technical assistance and capacity-building activities",
            "fr": "Idées de nouvelles activités d’assistance technique et de renforcement des capacités",
            "es": "Ideas para nuevas actividades de asistencia técnica y fortalecimiento de capacidades",
            "ar": "أفكار لأنشطة جديدة في مجال المساعدة التقنية وتكوين الكفاءات",
            "zh-hans": "关于新的技术援助和能力建设活动的设想",
            "ru": "Идеи новых мероприятий в области технической помощи и укрепления потенциала",
        },
        "description": {
            "en": "Exchanges of ideas for new WIPO technical assistance and capacity-building activities, such as "
            "assistance related to the Sustainable Development Goals or South-South, North-South and triangular "
            "cooperation, or on improvements that could be made to ongoing activities. These discussions could "
            "help guide the Organization’s activities in the area of cooperation for development.",
            "fr": "Des échanges d’idées en vue de nouvelles activités de l’OMPI en matière d’assistance technique "
            "et de renforcement des capacités, telles que l’assistance en rapport avec les objectifs de "
            "développement durable ou la coopération Sud‑Sud, Nord‑Sud et triangulaire, ou sur les améliorations "
            "qui pourraient être apportées aux activités en cours.  Ces discussions pourraient servir à orienter "
            "les activités de l’Organisation dans le domaine de la coopération pour le développement.",
            "es": "Intercambios de ideas sobre nuevas actividades de asistencia técnica y fortalecimiento de "
            "capacidades de la OMPI, como la asistencia relacionada con los Objetivos de Desarrollo Sostenible o "
            "la cooperación Sur-Sur, Norte-Sur y triangular, o sobre las mejoras que podrían introducirse en las "
            "actividades en curso. Estos debates podrían servir para orientar las actividades de la Organización "
            "en el ámbito de la cooperación para el desarrollo.",
            "ar": "تبادل الأفكار بشأن أنشطة جديدة للويبو في مجال المساعدة التقنية وتكوين الكفاءات، مثل المساعدة "
            "المتعلقة بأهداف التنمية المستدامة أو التعاون بين بلدان الجنوب والتعاون بين الشمال والجنوب والتعاون "
            "الثلاثي، أو بشأن التحسينات التي يمكن إدخالها على الأنشطة الجارية. ويمكن أن تساعد هذه المناقشات في توجيه "
            "أنشطة المنظمة في مجال التعاون لأغراض التنمية.",
            "zh-hans": "就产权组织新的技术援助和能力建设活动交流想法，例如与可持续发展目标有关的援助或南南合作、南北合"
            "作和三方合作，或就可对正在开展的活动进行的改进交流想法。这些讨论可有助于指导本组织在发展合作领域的活动。",
            "ru": "Обмен идеями о новых мероприятиях ВОИС в области технической помощи и укрепления потенциала, "
            "например о помощи, связанной с целями в области устойчивого развития, или о сотрудничестве Юг-Юг, "
            "Север-Юг и трехстороннем сотрудничестве, либо об улучшениях, которые можно было бы внести в текущие "
            "мероприятия. Эти обсуждения могли бы помочь определить направления деятельности Организации в области "
            "сотрудничества в целях развития.",
        },
    },
    {
        "code": "e",
        "order": 5,
        "is_in_scope": True,
        "title": {
            "en": "Good practices of developing countries",
            "fr": "Bonnes pratiques des pays en développement",
            "es": "Buenas prácticas de los países en desarrollo",
            "ar": "الممارسات الجيدة للبلدان النامية",
            "zh-hans": "发展中国家的良好做法",
            "ru": "Передовая практика развивающихся стран",
        },
        "description": {
            "en": "Exchange sessions on developing countries’ good practices in adapting the intellectual property "
            "system to their development needs and the lessons they draw from their experience in this area, as "
            "well as the role of WIPO technical assistance to that end. Member states could use this setting to "
            "explain how they make their intellectual property policies and initiatives meet their needs and "
            "interests in social, economic and human development.",
            "fr": "Des séances d’échange sur les bonnes pratiques des pays en développement pour adapter le "
            "système de propriété intellectuelle à leurs besoins de développement et les enseignements qu’ils "
            "tirent de leur expérience dans ce domaine, ainsi que le rôle de l’assistance technique fournie par "
            "l’OMPI à cette fin.  Les États membres pourraient se servir de ce cadre pour expliquer comment ils "
            "procèdent pour que leurs politiques et initiatives en matière de propriété intellectuelle répondent "
            "à leurs besoins et à leurs intérêts en ce qui concerne le développement social, économique et "
            "humain.",
            "es": "Sesiones de intercambio sobre las buenas prácticas de los países en desarrollo para adaptar el "
            "sistema de propiedad intelectual a sus necesidades de desarrollo y las enseñanzas que extraen de su "
            "experiencia en este ámbito, así como sobre el papel de la asistencia técnica prestada por la OMPI "
            "con ese fin. Los Estados miembros podrían utilizar este marco para explicar cómo procuran que sus "
            "políticas e iniciativas en materia de propiedad intelectual respondan a sus necesidades e intereses "
            "en lo que respecta al desarrollo social, económico y humano.",
            "ar": "جلسات لتبادل الممارسات الجيدة للبلدان النامية في تكييف نظام الملكية الفكرية مع احتياجاتها "
            "الإنمائية والدروس التي تستخلصها من تجربتها في هذا المجال، فضلاً عن دور المساعدة التقنية التي تقدمها "
            "الويبو لهذا الغرض. ويمكن للدول الأعضاء أن تستخدم هذا الإطار لشرح الطريقة التي تجعل بها سياساتها "
            "ومبادراتها في مجال الملكية الفكرية تلبي احتياجاتها ومصالحها في مجال التنمية الاجتماعية والاقتصادية "
            "والبشرية.",
            "zh-hans": "交流发展中国家在使知识产权制度适应其发展需求方面的良好做法及其从这方面的经验中汲取的教训，以及"
            "产权组织为此提供的技术援助所发挥的作用。成员国可利用这一框架，说明如何使本国的知识产权政策和举措满足其在"
            "社会、经济和人类发展方面的需求和利益。",
            "ru": "Сессии по обмену передовой практикой развивающихся стран в адаптации системы интеллектуальной "
            "собственности к их потребностям в области развития и уроками, которые они извлекают из своего опыта в "
            "этой сфере, а также о роли технической помощи ВОИС в этих целях. Государства-члены могли бы использовать "
            "эти рамки, чтобы рассказать о том, как они добиваются соответствия своей политики и инициатив в области "
            "интеллектуальной собственности их потребностям и интересам в сфере социального, экономического и "
            "человеческого развития.",
        },
    },
    {
        "code": "f",
        "order": 6,
        "is_in_scope": True,
        "title": {
            "en": "New challenges in intellectual property",
            "fr": "Nouvelles difficultés dans le domaine de la propriété intellectuelle",
            "es": "Nuevos desafíos en el ámbito de la propiedad intelectual",
            "ar": "التحديات الجديدة في مجال الملكية الفكرية",
            "zh-hans": "知识产权领域的新挑战",
            "ru": "Новые вызовы в области интеллектуальной собственности",
        },
        "description": {
            "en": "Discussions on the new challenges that member states face in the field of intellectual "
            "property, in order to look closely at how WIPO technical assistance and the Development Agenda can "
            "help and, in particular, how the implementation of the recommendations set out in it should evolve "
            "to remain valid in the face of these challenges.",
            "fr": "Des discussions sur les nouvelles difficultés auxquelles se heurtent les États membres dans le "
            "domaine de la propriété intellectuelle, afin de regarder de près en quoi l’assistance technique "
            "fournie par l’OMPI et le Plan d’action pour le développement peuvent être utiles et, en "
            "particulier, en quoi la mise en œuvre des recommandations qui y sont énoncées devrait évoluer pour "
            "garder sa validité face à ces défis.",
            "es": "Debates sobre los nuevos desafíos a los que se enfrentan los Estados miembros en el ámbito de la "
            "propiedad intelectual, a fin de examinar de cerca en qué pueden ser útiles la asistencia técnica "
            "prestada por la OMPI y la Agenda para el Desarrollo y, en particular, cómo debería evolucionar la "
            "aplicación de las recomendaciones que en ella se enuncian para seguir siendo válida ante esos "
            "desafíos.",
            "ar": "مناقشات بشأن التحديات الجديدة التي تواجهها الدول الأعضاء في مجال الملكية الفكرية، من أجل النظر عن "
            "كثب في الكيفية التي يمكن أن تساعد بها المساعدة التقنية التي تقدمها الويبو وجدول أعمال التنمية، ولا سيما "
            "الكيفية التي ينبغي أن يتطور بها تنفيذ التوصيات الواردة فيه كي يظل صالحاً في مواجهة هذه التحديات.",
            "zh-hans": "讨论成员国在知识产权领域面临的新挑战，以便仔细研究产权组织提供的技术援助和发展议程能够如何提供"
            "帮助，特别是其中所载建议的落实工作应如何演变，才能在应对这些挑战时保持有效。",
            "ru": "Обсуждение новых вызовов, с которыми сталкиваются государства-члены в области интеллектуальной "
            "собственности, с тем чтобы внимательно рассмотреть, чем могут помочь техническая помощь ВОИС и Повестка "
            "дня в области развития и, в частности, как должно развиваться выполнение содержащихся в ней "
            "рекомендаций, чтобы оно сохраняло актуальность перед лицом этих вызовов.",
        },
    },
    {
        "code": "other",
        "order": 99,
        "is_in_scope": False,
        "title": {
            "en": "Other topics (outside the strategy’s scope)",
            "fr": "Autres thèmes (hors du champ d’application)",
            "es": "Otros temas (fuera del ámbito de aplicación)",
            "ar": "مواضيع أخرى (خارج نطاق الاستراتيجية)",
            "zh-hans": "其他主题（不属于战略范围）",
            "ru": "Другие темы (вне сферы охвата стратегии)",
        },
        "description": {
            "en": "Topics that fall outside areas b) to f) of the strategy. When requests exceed capacity, they "
            "come after the topics inside the scope.",
            "fr": "Thèmes qui ne relèvent pas des domaines b) à f) de la stratégie.  Si le nombre de demandes est "
            "trop important, ils passent après les thèmes entrant dans le champ d’application.",
            "es": "Temas que no corresponden a los ámbitos b) a f) de la estrategia. Si las solicitudes superan "
            "la capacidad, se consideran después de los temas incluidos en el ámbito de aplicación.",
            "ar": "مواضيع لا تندرج في المجالات من (ب) إلى (و) من الاستراتيجية. وعندما تتجاوز الطلبات القدرة المتاحة، "
            "تأتي بعد المواضيع الداخلة في النطاق.",
            "zh-hans": "不属于战略b)至f)领域的主题。当请求超出能力时，这些主题排在属于范围内的主题之后。",
            "ru": "Темы, не относящиеся к областям b)–f) стратегии. Если число запросов превышает возможности, они "
            "рассматриваются после тем, входящих в сферу охвата.",
        },
    },
]

# --- People ------------------------------------------------------------------------

SECRETARIAT = {
    "username": "secretariat",
    "email": "secretariat@secretariat.example.org",
    "first_name": "Demo",
    "last_name": "Secretariat",
    "language": "en",
}

# The Secretariat's people, one per role (accounts.roles), each reading the portal in their
# own language; "secretariat" above is the superuser who administers the portal.
SECRETARIAT_STAFF = [
    {"username": "manager", "role": "Programme manager", "language": "fr", "first": "Amélie", "last": "Dubois"},
    {"username": "officer", "role": "Programme officer", "language": "en", "first": "Daniel", "last": "Okafor"},
    {"username": "communications", "role": "Communications", "language": "es", "first": "Lucía", "last": "Fernández"},
    {"username": "reporting", "role": "Reporting officer", "language": "zh-hans", "first": "Wei", "last": "Zhang"},
    {"username": "reader", "role": "Read-only", "language": "ru", "first": "Olga", "last": "Petrova"},
]

# One coordinator per group, in the group's working language; the African Group has a
# second one (a group may have several), who reads the portal in Arabic.
COORDINATORS = [
    {"username": "coordinator-african", "group": "african", "language": "fr", "first": "Awa", "last": "Traoré"},
    {"username": "coordinator-african-2", "group": "african", "language": "ar", "first": "Karim", "last": "Haddad"},
    {
        "username": "coordinator-asia-pacific",
        "group": "asia-pacific",
        "language": "en",
        "first": "Priya",
        "last": "Nair",
    },
    {"username": "coordinator-cebs", "group": "cebs", "language": "en", "first": "Marta", "last": "Nowak"},
    {"username": "coordinator-grulac", "group": "grulac", "language": "es", "first": "Lucía", "last": "Fernández"},
    {"username": "coordinator-group-b", "group": "group-b", "language": "en", "first": "Peter", "last": "Lindqvist"},
    {"username": "coordinator-caceec", "group": "caceec", "language": "ru", "first": "Timur", "last": "Abdullaev"},
    {"username": "coordinator-china", "group": "china", "language": "zh-hans", "first": "Wang", "last": "Fang"},
]

EXPERTS = [
    {
        "key": "diallo",
        "name": "Amina Diallo",
        "email": "amina.diallo@experts.example.org",
        "kind": "external",
        "gender": "female",
        "nationality": "SN",
        "region": "africa",
        "languages": ["fr", "en"],
        "scope_areas": ["b", "e"],
        "title": {
            "en": "Intellectual property policy consultant, Dakar",
            "fr": "Consultante en politique de propriété intellectuelle, Dakar",
            "es": "Consultora en política de propiedad intelectual, Dakar",
        },
        "biography": {
            "en": "Advised several West African governments on national IP strategies and evaluated two "
            "Development Agenda projects.",
            "fr": "A conseillé plusieurs gouvernements d’Afrique de l’Ouest sur leurs stratégies nationales de "
            "propriété intellectuelle et évalué deux projets du Plan d’action pour le développement.",
        },
    },
    {
        "key": "mendoza",
        "name": "Carlos Mendoza Ruiz",
        "email": "carlos.mendoza@experts.example.org",
        "kind": "external",
        "gender": "male",
        "nationality": "PE",
        "region": "lac",
        "languages": ["es", "en"],
        "scope_areas": ["c", "e"],
        "title": {
            "en": "Former director of a national IP office",
            "fr": "Ancien directeur d’un office national de propriété intellectuelle",
            "es": "Ex director de una oficina nacional de propiedad intelectual",
        },
        "biography": {
            "en": "Twenty years in IP administration in Latin America; designs technical assistance needs assessments.",
            "es": "Veinte años en la administración de la propiedad intelectual en América Latina; diseña "
            "evaluaciones de necesidades de asistencia técnica.",
        },
    },
    {
        "key": "chen",
        "name": "Chen Jing",
        "email": "chen.jing@experts.example.org",
        "kind": "external",
        "gender": "female",
        "nationality": "CN",
        "region": "asia-pacific",
        "languages": ["zh-hans", "en"],
        "scope_areas": ["d", "f"],
        "title": {
            "en": "Professor of intellectual property law",
            "fr": "Professeure de droit de la propriété intellectuelle",
            "es": "Profesora de derecho de la propiedad intelectual",
        },
        "biography": {
            "en": "Researches the use of artificial intelligence in examination and the governance of data in "
            "IP offices.",
        },
    },
    {
        "key": "sultanova",
        "name": "Aigerim Sultanova",
        "email": "aigerim.sultanova@experts.example.org",
        "kind": "external",
        "gender": "female",
        "nationality": "KZ",
        "region": "central-asia",
        "languages": ["ru", "en"],
        "scope_areas": ["d", "e"],
        "title": {
            "en": "Innovation policy adviser",
            "fr": "Conseillère en politique d’innovation",
            "es": "Asesora en política de innovación",
        },
        "biography": {
            "en": "Set up regional cooperation between IP offices of Central Asia and measures the results of "
            "capacity building.",
        },
    },
    {
        "key": "kowalski",
        "name": "Tomasz Kowalski",
        "email": "tomasz.kowalski@experts.example.org",
        "kind": "external",
        "gender": "male",
        "nationality": "PL",
        "region": "central-europe",
        "languages": ["en"],
        "scope_areas": ["b", "c"],
        "title": {
            "en": "Project evaluation specialist",
            "fr": "Spécialiste de l’évaluation de projets",
            "es": "Especialista en evaluación de proyectos",
        },
        "biography": {
            "en": "Evaluated Development Agenda projects and trains project managers in results-based management."
        },
    },
    {
        "key": "martin",
        "name": "Sophie Martin",
        "email": "sophie.martin@secretariat.example.org",
        "kind": "staff",
        "gender": "female",
        "nationality": "FR",
        "region": "western-europe",
        "languages": ["fr", "en", "es"],
        "scope_areas": ["b", "c"],
        "title": {
            "en": "Counsellor, Development Agenda Coordination Division",
            "fr": "Conseillère, Division de la coordination du Plan d’action pour le développement",
            "es": "Consejera, División de Coordinación de la Agenda para el Desarrollo",
        },
        "biography": {
            "en": "Follows the Development Agenda projects from proposal to evaluation.",
            "fr": "Suit les projets du Plan d’action pour le développement de la proposition à l’évaluation.",
        },
    },
    {
        "key": "elamrani",
        "name": "Youssef El Amrani",
        "email": "youssef.elamrani@secretariat.example.org",
        "kind": "staff",
        "gender": "male",
        "nationality": "MA",
        "region": "arab",
        "languages": ["ar", "fr", "en"],
        "scope_areas": ["d", "e"],
        "title": {
            "en": "Programme officer, Regional Division for Arab Countries",
            "fr": "Administrateur de programme, Division des pays arabes",
            "es": "Oficial de programas, División de Países Árabes",
        },
        "biography": {"en": "Coordinates technical assistance for IP offices and universities in the Arab region."},
    },
    {
        "key": "mehta",
        "name": "Rahul Mehta",
        "email": "rahul.mehta@experts.example.org",
        "kind": "external",
        "gender": "male",
        "nationality": "IN",
        "region": "asia-pacific",
        "languages": ["en"],
        "scope_areas": ["d", "f"],
        "title": {
            "en": "Technology transfer consultant",
            "fr": "Consultant en transfert de technologie",
            "es": "Consultor en transferencia de tecnología",
        },
        "biography": {"en": "Builds technology and innovation support centres and licensing offices in South Asia."},
    },
    {
        "key": "souza",
        "name": "Ana Beatriz Souza",
        "email": "ana.souza@experts.example.org",
        "kind": "external",
        "gender": "female",
        "nationality": "BR",
        "region": "lac",
        "languages": ["pt", "es", "en"],
        "scope_areas": ["e"],
        "title": {
            "en": "Coordinator of a network of innovation support centres",
            "fr": "Coordinatrice d’un réseau de centres d’appui à l’innovation",
            "es": "Coordinadora de una red de centros de apoyo a la innovación",
        },
        "biography": {"en": "Runs a national network of technology and innovation support centres in Brazil."},
    },
    {
        "key": "oconnor",
        "name": "James O’Connor",
        "email": "james.oconnor@secretariat.example.org",
        "kind": "staff",
        "gender": "male",
        "nationality": "IE",
        "region": "western-europe",
        "languages": ["en"],
        "scope_areas": ["c", "d"],
        "title": {
            "en": "Senior evaluation officer",
            "fr": "Administrateur principal chargé de l’évaluation",
            "es": "Oficial superior de evaluación",
        },
        "biography": {"en": "Designs the performance indicators of the Organization’s technical assistance."},
    },
]

# --- Catalogue ---------------------------------------------------------------------

TOPICS = [
    {
        "slug": "development-agenda-project-results",
        "scope_area": "b",
        "title": {
            "en": "Results of completed Development Agenda projects",
            "fr": "Résultats des projets achevés du Plan d’action pour le développement",
            "es": "Resultados de los proyectos concluidos de la Agenda para el Desarrollo",
            "ar": "نتائج مشروعات جدول أعمال التنمية المنجزة",
            "zh-hans": "已完成的发展议程项目的成果",
            "ru": "Результаты завершенных проектов Повестки дня в области развития",
        },
        "summary": {
            "en": "What recent Development Agenda projects achieved and what they left behind.",
            "fr": "Ce qu’ont accompli les projets récents du Plan d’action pour le développement.",
            "es": "Lo que lograron los proyectos recientes de la Agenda para el Desarrollo.",
            "ar": "ما حققته مشروعات جدول أعمال التنمية الأخيرة وما خلّفته.",
            "zh-hans": "近期发展议程项目取得了哪些成就，留下了哪些成果。",
            "ru": "Чего достигли недавние проекты Повестки дня в области развития и что после них осталось.",
        },
        "objectives": {
            "en": "Make project results visible and known to those who can reuse them.",
            "fr": "Faire connaître les résultats des projets à ceux qui peuvent les réutiliser.",
            "es": "Dar a conocer los resultados de los proyectos a quienes pueden reutilizarlos.",
        },
        "target_audience": {
            "en": "IP offices, ministries, project focal points.",
            "fr": "Offices de propriété intellectuelle, ministères, points focaux des projets.",
            "es": "Oficinas de propiedad intelectual, ministerios, coordinadores de proyectos.",
        },
    },
    {
        "slug": "development-agenda-project-tools",
        "scope_area": "b",
        "title": {
            "en": "Using the studies and tools of Development Agenda projects",
            "fr": "Utiliser les études et outils des projets du Plan d’action pour le développement",
            "es": "Uso de los estudios y herramientas de los proyectos de la Agenda para el Desarrollo",
            "ar": "استخدام دراسات مشروعات جدول أعمال التنمية وأدواتها",
            "zh-hans": "利用发展议程项目的研究和工具",
            "ru": "Использование исследований и инструментов проектов Повестки дня в области развития",
        },
        "summary": {
            "en": "Guides, studies and toolkits produced by the projects, and how to apply them nationally.",
            "fr": "Guides, études et outils produits par les projets, et leur application au niveau national.",
            "es": "Guías, estudios y herramientas de los proyectos, y cómo aplicarlos a nivel nacional.",
            "ar": "الأدلة والدراسات ومجموعات الأدوات التي أعدتها المشروعات، وكيفية تطبيقها على الصعيد الوطني.",
            "zh-hans": "项目编制的指南、研究和工具包，以及如何在国家层面加以应用。",
            "ru": "Руководства, исследования и наборы инструментов, подготовленные в рамках проектов, и их применение "
            "на национальном уровне.",
        },
        "target_audience": {"en": "Practitioners in IP offices and universities."},
    },
    {
        "slug": "shaping-a-project-proposal",
        "scope_area": "c",
        "title": {
            "en": "Shaping a Development Agenda project proposal",
            "fr": "Élaborer une proposition de projet du Plan d’action pour le développement",
            "es": "Cómo elaborar una propuesta de proyecto de la Agenda para el Desarrollo",
            "ar": "إعداد مقترح مشروع في إطار جدول أعمال التنمية",
            "zh-hans": "拟订发展议程项目提案",
            "ru": "Подготовка проектного предложения в рамках Повестки дня в области развития",
        },
        "summary": {
            "en": "Member states test a draft project with peers and experts before submitting it to the CDIP.",
            "fr": "Les États membres mettent à l’épreuve un projet de proposition avant de le soumettre au CDIP.",
            "es": "Los Estados miembros someten un borrador de proyecto a sus pares antes de presentarlo al CDIP.",
            "ar": "تختبر الدول الأعضاء مشروع مقترح مع نظرائها والخبراء قبل تقديمه إلى لجنة التنمية.",
            "zh-hans": "成员国在向CDIP提交项目草案之前，先与同行和专家一起进行检验。",
            "ru": "Государства-члены обсуждают проект с коллегами и экспертами до его представления в КРИС.",
        },
        "objectives": {"en": "Refine proposals informally before they reach the committee."},
        "target_audience": {"en": "Delegates and national project proponents."},
    },
    {
        "slug": "technical-assistance-needs-assessment",
        "scope_area": "c",
        "title": {
            "en": "Assessing technical assistance needs",
            "fr": "Évaluer les besoins en matière d’assistance technique",
            "es": "Evaluación de las necesidades de asistencia técnica",
            "ar": "تقييم احتياجات المساعدة التقنية",
            "zh-hans": "评估技术援助需求",
            "ru": "Оценка потребностей в технической помощи",
        },
        "summary": {
            "en": "The first stage of the technical assistance cycle: finding out what a country needs.",
            "fr": "La première étape du cycle de l’assistance technique : déterminer les besoins d’un pays.",
            "es": "La primera etapa del ciclo de la asistencia técnica: determinar lo que un país necesita.",
            "ar": "المرحلة الأولى من دورة المساعدة التقنية: تحديد احتياجات البلد.",
            "zh-hans": "技术援助周期的第一阶段：确定一个国家的需求。",
            "ru": "Первый этап цикла технической помощи: определение потребностей страны.",
        },
        "target_audience": {"en": "IP offices and national focal points for technical assistance."},
    },
    {
        "slug": "ip-and-the-sdgs",
        "scope_area": "d",
        "title": {
            "en": "Intellectual property and the Sustainable Development Goals",
            "fr": "Propriété intellectuelle et objectifs de développement durable",
            "es": "Propiedad intelectual y Objetivos de Desarrollo Sostenible",
            "ar": "الملكية الفكرية وأهداف التنمية المستدامة",
            "zh-hans": "知识产权与可持续发展目标",
            "ru": "Интеллектуальная собственность и цели в области устойчивого развития",
        },
        "summary": {
            "en": "How technical assistance in IP can contribute to the Sustainable Development Goals.",
            "fr": "Comment l’assistance technique en propriété intellectuelle peut servir les objectifs de "
            "développement durable.",
            "es": "Cómo la asistencia técnica en propiedad intelectual puede contribuir a los Objetivos de "
            "Desarrollo Sostenible.",
            "ar": "كيف يمكن للمساعدة التقنية في مجال الملكية الفكرية أن تسهم في تحقيق أهداف التنمية المستدامة.",
            "zh-hans": "知识产权技术援助如何能够促进实现可持续发展目标。",
            "ru": "Как техническая помощь в области ИС может способствовать достижению целей в области устойчивого "
            "развития.",
        },
        "target_audience": {"en": "Policy makers, IP offices, development partners."},
    },
    {
        "slug": "south-south-cooperation",
        "scope_area": "d",
        "title": {
            "en": "South-South and triangular cooperation in intellectual property",
            "fr": "Coopération Sud-Sud et triangulaire en matière de propriété intellectuelle",
            "es": "Cooperación Sur-Sur y triangular en materia de propiedad intelectual",
            "ar": "التعاون فيما بين بلدان الجنوب والتعاون الثلاثي في مجال الملكية الفكرية",
            "zh-hans": "知识产权领域的南南合作和三方合作",
            "ru": "Сотрудничество Юг-Юг и трехстороннее сотрудничество в области интеллектуальной собственности",
        },
        "summary": {
            "en": "Sharing expertise between developing countries, with or without a third partner.",
            "fr": "Partager l’expertise entre pays en développement, avec ou sans partenaire tiers.",
            "es": "Compartir conocimientos entre países en desarrollo, con o sin un tercer socio.",
            "ar": "تبادل الخبرات بين البلدان النامية، بمشاركة شريك ثالث أو بدونه.",
            "zh-hans": "发展中国家之间分享专门知识，可有或没有第三方伙伴参与。",
            "ru": "Обмен опытом между развивающимися странами с участием третьего партнера или без него.",
        },
        "target_audience": {"en": "IP offices and cooperation agencies."},
    },
    {
        "slug": "measuring-technical-assistance-impact",
        "scope_area": "d",
        "title": {
            "en": "Measuring the impact of technical assistance",
            "fr": "Mesurer l’incidence de l’assistance technique",
            "es": "Medir el impacto de la asistencia técnica",
            "ar": "قياس أثر المساعدة التقنية",
            "zh-hans": "衡量技术援助的影响",
            "ru": "Оценка воздействия технической помощи",
        },
        "summary": {
            "en": "Indicators, evaluations and lessons for improving ongoing technical assistance.",
            "fr": "Indicateurs, évaluations et enseignements pour améliorer l’assistance technique en cours.",
            "es": "Indicadores, evaluaciones y enseñanzas para mejorar la asistencia técnica en curso.",
            "ar": "مؤشرات وتقييمات ودروس مستفادة لتحسين المساعدة التقنية الجارية.",
            "zh-hans": "用于改进正在开展的技术援助的指标、评价和经验教训。",
            "ru": "Показатели, оценки и извлеченные уроки для совершенствования текущей технической помощи.",
        },
        "target_audience": {"en": "Managers of technical assistance programmes and evaluators."},
    },
    {
        "slug": "national-ip-strategies",
        "scope_area": "e",
        "title": {
            "en": "National IP strategies: lessons from developing countries",
            "fr": "Stratégies nationales de propriété intellectuelle : enseignements des pays en développement",
            "es": "Estrategias nacionales de propiedad intelectual: enseñanzas de los países en desarrollo",
            "ar": "الاستراتيجيات الوطنية للملكية الفكرية: دروس من البلدان النامية",
            "zh-hans": "国家知识产权战略：发展中国家的经验教训",
            "ru": "Национальные стратегии в области ИС: уроки развивающихся стран",
        },
        "summary": {
            "en": "How countries built IP strategies that serve their development plans.",
            "fr": "Comment des pays ont bâti des stratégies de propriété intellectuelle au service de leur "
            "développement.",
            "es": "Cómo algunos países elaboraron estrategias de propiedad intelectual al servicio de su desarrollo.",
            "ar": "كيف وضعت البلدان استراتيجيات للملكية الفكرية تخدم خططها الإنمائية.",
            "zh-hans": "各国如何制定服务于本国发展计划的知识产权战略。",
            "ru": "Как страны разработали стратегии в области ИС, отвечающие их планам развития.",
        },
        "target_audience": {"en": "Ministries, IP offices, innovation agencies."},
    },
    {
        "slug": "innovation-support-centres",
        "scope_area": "e",
        "title": {
            "en": "Technology and innovation support centres: good practices",
            "fr": "Centres d’appui à la technologie et à l’innovation : bonnes pratiques",
            "es": "Centros de apoyo a la tecnología y la innovación: buenas prácticas",
            "ar": "مراكز دعم التكنولوجيا والابتكار: الممارسات الجيدة",
            "zh-hans": "技术与创新支持中心：良好做法",
            "ru": "Центры поддержки технологий и инноваций: передовая практика",
        },
        "summary": {
            "en": "Running national networks of centres that help innovators use patent information.",
            "fr": "Faire vivre des réseaux nationaux de centres qui aident les innovateurs.",
            "es": "Gestionar redes nacionales de centros que ayudan a los innovadores.",
            "ar": "إدارة الشبكات الوطنية للمراكز التي تساعد المبتكرين على استخدام المعلومات المتعلقة بالبراءات.",
            "zh-hans": "运营帮助创新者利用专利信息的国家中心网络。",
            "ru": "Организация работы национальных сетей центров, помогающих новаторам использовать патентную "
            "информацию.",
        },
        "target_audience": {"en": "Network coordinators, universities, research centres."},
    },
    {
        "slug": "women-entrepreneurs-and-ip",
        "scope_area": "e",
        "title": {
            "en": "Women entrepreneurs and intellectual property",
            "fr": "Les femmes entrepreneures et la propriété intellectuelle",
            "es": "Las mujeres emprendedoras y la propiedad intelectual",
            "ar": "رائدات الأعمال والملكية الفكرية",
            "zh-hans": "女性企业家与知识产权",
            "ru": "Женщины-предприниматели и интеллектуальная собственность",
        },
        "summary": {
            "en": "Programmes that help women entrepreneurs protect and use their IP.",
            "fr": "Programmes qui aident les femmes entrepreneures à protéger et exploiter leur propriété "
            "intellectuelle.",
            "es": "Programas que ayudan a las mujeres emprendedoras a proteger y aprovechar su propiedad intelectual.",
            "ar": "برامج تساعد رائدات الأعمال على حماية ملكيتهن الفكرية والانتفاع بها.",
            "zh-hans": "帮助女性企业家保护和利用其知识产权的计划。",
            "ru": "Программы, помогающие женщинам-предпринимателям охранять и использовать свою ИС.",
        },
        "target_audience": {"en": "IP offices, business support organisations, women’s associations."},
    },
    {
        "slug": "ai-and-ip-offices",
        "scope_area": "f",
        "title": {
            "en": "Artificial intelligence and intellectual property offices",
            "fr": "Intelligence artificielle et offices de propriété intellectuelle",
            "es": "La inteligencia artificial y las oficinas de propiedad intelectual",
            "ar": "الذكاء الاصطناعي ومكاتب الملكية الفكرية",
            "zh-hans": "人工智能与知识产权局",
            "ru": "Искусственный интеллект и ведомства интеллектуальной собственности",
        },
        "summary": {
            "en": "What AI changes for IP offices and how technical assistance can follow.",
            "fr": "Ce que l’IA change pour les offices et comment l’assistance technique peut suivre.",
            "es": "Lo que la IA cambia para las oficinas y cómo puede acompañarlo la asistencia técnica.",
            "ar": "ما يغيّره الذكاء الاصطناعي بالنسبة إلى مكاتب الملكية الفكرية وكيف يمكن للمساعدة التقنية مواكبته.",
            "zh-hans": "人工智能给知识产权局带来哪些变化，以及技术援助如何跟进。",
            "ru": "Что меняет ИИ для ведомств ИС и как техническая помощь может за этим успевать.",
        },
        "target_audience": {"en": "Heads and IT managers of IP offices."},
    },
    {
        "slug": "copyright-in-the-digital-environment",
        "scope_area": "f",
        "title": {
            "en": "Copyright in the digital environment",
            "fr": "Le droit d’auteur dans l’environnement numérique",
            "es": "El derecho de autor en el entorno digital",
            "ar": "حق المؤلف في البيئة الرقمية",
            "zh-hans": "数字环境中的版权",
            "ru": "Авторское право в цифровой среде",
        },
        "summary": {
            "en": "New challenges for creators and collective management in the digital market.",
            "fr": "Nouveaux défis pour les créateurs et la gestion collective sur le marché numérique.",
            "es": "Nuevos desafíos para los creadores y la gestión colectiva en el mercado digital.",
            "ar": "تحديات جديدة للمبدعين وللإدارة الجماعية في السوق الرقمية.",
            "zh-hans": "数字市场中创作者和集体管理面临的新挑战。",
            "ru": "Новые вызовы для авторов и коллективного управления на цифровом рынке.",
        },
        "target_audience": {"en": "Copyright offices, collective management organisations."},
    },
    {
        "slug": "patent-drafting-basics",
        "scope_area": "other",
        "title": {
            "en": "Basics of patent drafting",
            "fr": "Notions de base de la rédaction de brevets",
            "es": "Nociones básicas de redacción de patentes",
            "ar": "أساسيات صياغة البراءات",
            "zh-hans": "专利撰写基础",
            "ru": "Основы составления патентных заявок",
        },
        "summary": {
            "en": "General training in drafting patent applications (outside the strategy’s scope).",
            "fr": "Formation générale à la rédaction de demandes de brevet (hors du champ d’application).",
            "es": "Formación general en redacción de solicitudes de patente (fuera del ámbito de aplicación).",
            "ar": "تدريب عام على صياغة طلبات البراءات (خارج نطاق الاستراتيجية).",
            "zh-hans": "关于撰写专利申请的一般培训（不属于战略范围）。",
            "ru": "Общая подготовка по составлению патентных заявок (вне сферы охвата стратегии).",
        },
        "target_audience": {"en": "Inventors, researchers, patent attorneys in training."},
    },
]

SERIES = [
    {
        "slug": "from-project-results-to-new-proposals",
        "topic": "shaping-a-project-proposal",
        "title": {
            "en": "From Development Agenda results to new project proposals",
            "fr": "Des résultats du Plan d’action pour le développement aux nouvelles propositions de projets",
            "es": "De los resultados de la Agenda para el Desarrollo a nuevas propuestas de proyectos",
            "ar": "من نتائج جدول أعمال التنمية إلى مقترحات مشروعات جديدة",
            "zh-hans": "从发展议程成果到新的项目提案",
            "ru": "От результатов Повестки дня в области развития к новым проектным предложениям",
        },
        "description": {
            "en": "A graded series in three parts: what completed projects achieved, how to use their tools, "
            "then how to shape a new proposal on a similar subject.",
            "fr": "Une série graduée en trois parties : les résultats des projets achevés, l’utilisation de leurs "
            "outils, puis l’élaboration d’une nouvelle proposition sur un sujet voisin.",
            "es": "Una serie gradual en tres partes: los resultados de los proyectos concluidos, el uso de sus "
            "herramientas y, por último, la elaboración de una nueva propuesta sobre un tema similar.",
            "ar": "سلسلة متدرجة من ثلاثة أجزاء: ما حققته المشروعات المنجزة، وكيفية استخدام أدواتها، ثم كيفية إعداد "
            "مقترح جديد في موضوع مماثل.",
            "zh-hans": "分三部分、循序渐进的系列：已完成项目取得的成果，如何使用其工具，以及如何就类似主题拟订新提案。",
            "ru": "Последовательная серия из трех частей: чего достигли завершенные проекты, как использовать их "
            "инструменты и как подготовить новое предложение по аналогичной теме.",
        },
    },
    {
        "slug": "ai-and-ip-offices-series",
        "topic": "ai-and-ip-offices",
        "title": {
            "en": "Artificial intelligence in IP offices",
            "fr": "L’intelligence artificielle dans les offices de propriété intellectuelle",
            "es": "La inteligencia artificial en las oficinas de propiedad intelectual",
            "ar": "الذكاء الاصطناعي في مكاتب الملكية الفكرية",
            "zh-hans": "知识产权局中的人工智能",
            "ru": "Искусственный интеллект в ведомствах интеллектуальной собственности",
        },
        "description": {
            "en": "Two parts: the tools offices already use, then the policy questions they raise.",
            "fr": "Deux parties : les outils que les offices utilisent déjà, puis les questions de politique "
            "qu’ils soulèvent.",
            "es": "Dos partes: las herramientas que ya utilizan las oficinas y las cuestiones de política que "
            "plantean.",
            "ar": "جزءان: الأدوات التي تستخدمها المكاتب بالفعل، ثم مسائل السياسات التي تثيرها.",
            "zh-hans": "两部分：各局已在使用的工具，以及这些工具引发的政策问题。",
            "ru": "Две части: инструменты, которые ведомства уже используют, и вопросы политики, которые они "
            "поднимают.",
        },
    },
]

# Held webinars of the three past years. "starts": (month, day, hour, minute), Geneva time.
HELD_WEBINARS = [
    {
        "slug": "development-agenda-results-africa-arab",
        "years_ago": 3,
        "starts": (3, 14, 11, 0),
        "topic": "development-agenda-project-results",
        "regions": ["africa", "arab"],
        "languages": ["fr", "ar"],
        "experts": ["martin", "elamrani"],
        "format": "live",
        "registrations": 212,
        "attendance": 134,
        "title": {
            "en": "Development Agenda projects: results for Africa and the Arab region",
            "fr": "Projets du Plan d’action pour le développement : résultats pour l’Afrique et la région arabe",
            "es": "Proyectos de la Agenda para el Desarrollo: resultados para África y la región árabe",
        },
        "description": {
            "en": "A briefing on completed projects and the studies they produced.",
            "fr": "Une séance d’information sur les projets achevés et les études qu’ils ont produites.",
            "es": "Una sesión informativa sobre los proyectos concluidos y los estudios que produjeron.",
        },
        "summary": {
            "en": "Four projects were presented with their evaluation findings. Participants asked how to request "
            "a national adaptation of a completed project.",
            "fr": "Quatre projets ont été présentés avec les conclusions de leur évaluation.  Les participants ont "
            "demandé comment solliciter l’adaptation nationale d’un projet achevé.",
        },
        "questions": [
            {
                "question": {
                    "en": "Can a country that did not take part in a pilot still benefit from the project?",
                    "fr": "Un pays qui n’a pas participé au projet pilote peut‑il encore en bénéficier ?",
                },
                "answer": {
                    "en": "Yes. Completed projects are mainstreamed into regular activities; ask the regional "
                    "division for a national adaptation.",
                    "fr": "Oui.  Les projets achevés sont intégrés aux activités ordinaires ; adressez‑vous à la "
                    "division régionale pour une adaptation nationale.",
                },
            },
        ],
        "feedback": [
            {
                "source": "participant",
                "country": "SN",
                "overall": 5,
                "relevance": 5,
                "useful": "Les exemples concrets d’utilisation des études.",
                "topic_suggestion": "Comment préparer une proposition de projet pour le CDIP.",
            },
            {
                "source": "participant",
                "country": "EG",
                "overall": 4,
                "relevance": 4,
                "to_improve": "More time for questions.",
                "topic_suggestion": "Women entrepreneurs and IP.",
            },
            {
                "source": "expert",
                "expert": "martin",
                "overall": 4,
                "useful": "Good questions from IP office staff.",
                "to_improve": "Send the studies to participants before the webinar.",
            },
        ],
    },
    {
        "slug": "needs-assessment-latin-america",
        "years_ago": 3,
        "starts": (5, 9, 16, 0),
        "topic": "technical-assistance-needs-assessment",
        "regions": ["lac"],
        "languages": ["es"],
        "experts": ["mendoza"],
        "format": "live",
        "registrations": 305,
        "attendance": 188,
        "title": {
            "en": "Assessing technical assistance needs in Latin America",
            "fr": "Évaluer les besoins en assistance technique en Amérique latine",
            "es": "Evaluación de las necesidades de asistencia técnica en América Latina",
        },
        "description": {
            "en": "Methods and examples of needs assessments carried out with IP offices of the region.",
            "fr": "Méthodes et exemples d’évaluations des besoins menées avec des offices de la région.",
            "es": "Métodos y ejemplos de evaluaciones de necesidades realizadas con oficinas de la región.",
        },
        "summary": {
            "en": "The expert walked through a needs assessment from questionnaire to action plan.",
            "es": "El experto presentó una evaluación de necesidades, del cuestionario al plan de acción.",
        },
        "questions": [
            {
                "question": {
                    "en": "How long does a needs assessment usually take?",
                    "es": "¿Cuánto dura normalmente una evaluación de necesidades?",
                },
                "answer": {
                    "en": "Between two and four months, depending on the number of institutions consulted.",
                    "es": "Entre dos y cuatro meses, según el número de instituciones consultadas.",
                },
            },
            {
                "question": {
                    "en": "Who validates the findings?",
                    "es": "¿Quién valida las conclusiones?",
                },
                "answer": {
                    "en": "The national authorities, in a workshop with all stakeholders.",
                    "es": "Las autoridades nacionales, en un taller con todas las partes interesadas.",
                },
            },
        ],
        "feedback": [
            {
                "source": "participant",
                "country": "PE",
                "overall": 5,
                "relevance": 5,
                "useful": "El modelo de cuestionario.",
                "topic_suggestion": "Cooperación Sur-Sur entre oficinas de la región.",
            },
            {
                "source": "participant",
                "country": "CO",
                "overall": 4,
                "relevance": 5,
                "to_improve": "Compartir las diapositivas antes.",
            },
            {"source": "expert", "expert": "mendoza", "overall": 5, "useful": "Participación muy activa."},
        ],
    },
    {
        "slug": "national-ip-strategies-asia-pacific",
        "years_ago": 3,
        "starts": (7, 11, 9, 0),
        "topic": "national-ip-strategies",
        "regions": ["asia-pacific"],
        "languages": ["en"],
        "experts": ["mehta", "diallo"],
        "format": "prerecorded",
        "registrations": 190,
        "attendance": 121,
        "title": {
            "en": "National IP strategies: lessons from Asia and the Pacific",
            "fr": "Stratégies nationales de propriété intellectuelle : enseignements d’Asie et du Pacifique",
            "es": "Estrategias nacionales de propiedad intelectual: enseñanzas de Asia y el Pacífico",
        },
        "description": {
            "en": "Two countries explain how their strategy serves their development plan.",
            "fr": "Deux pays expliquent comment leur stratégie sert leur plan de développement.",
            "es": "Dos países explican cómo su estrategia sirve a su plan de desarrollo.",
        },
        "summary": {"en": "The talk was pre-recorded; the live Q&A focused on coordination between ministries."},
        "questions": [
            {
                "question": {"en": "Which ministry should lead the strategy?"},
                "answer": {
                    "en": "There is no single model; what matters is an inter-ministerial committee with "
                    "a clear mandate."
                },
            },
        ],
        "feedback": [
            {
                "source": "participant",
                "country": "IN",
                "overall": 4,
                "relevance": 4,
                "topic_suggestion": "Technology and innovation support centres.",
            },
            {
                "source": "participant",
                "country": "PH",
                "overall": 3,
                "relevance": 4,
                "to_improve": "The recording was hard to hear at times.",
            },
            {
                "source": "expert",
                "expert": "mehta",
                "overall": 4,
                "to_improve": "A live talk would have allowed more interaction.",
            },
        ],
    },
    {
        "slug": "south-south-cooperation-central-asia",
        "years_ago": 3,
        "starts": (10, 17, 10, 0),
        "topic": "south-south-cooperation",
        "regions": ["central-asia"],
        "languages": ["ru", "en"],
        "experts": ["sultanova"],
        "format": "live",
        "registrations": 140,
        "attendance": 97,
        "title": {
            "en": "Regional cooperation between IP offices of Central Asia",
            "fr": "Coopération régionale entre les offices de propriété intellectuelle d’Asie centrale",
            "es": "Cooperación regional entre las oficinas de propiedad intelectual de Asia Central",
        },
        "description": {
            "en": "Sharing examiners, training and data between neighbouring offices.",
            "fr": "Partager examinateurs, formations et données entre offices voisins.",
            "es": "Compartir examinadores, formación y datos entre oficinas vecinas.",
        },
        "summary": {"en": "Three offices presented joint training and shared search tools."},
        "questions": [
            {
                "question": {"en": "Can a joint training programme be funded by technical assistance?"},
                "answer": {"en": "Yes, when it is part of the national development plans of the offices concerned."},
            },
        ],
        "feedback": [
            {
                "source": "participant",
                "country": "KZ",
                "overall": 5,
                "relevance": 5,
                "topic_suggestion": "Measuring the results of capacity building.",
            },
            {"source": "participant", "country": "AM", "overall": 4, "relevance": 4},
            {"source": "expert", "expert": "sultanova", "overall": 5},
        ],
    },
    {
        "slug": "project-results-part-1",
        "years_ago": 2,
        "starts": (2, 20, 14, 0),
        "topic": "development-agenda-project-results",
        "series": "from-project-results-to-new-proposals",
        "series_position": 1,
        "regions": ["central-europe", "western-europe"],
        "languages": ["en"],
        "experts": ["kowalski", "martin"],
        "format": "live",
        "registrations": 160,
        "attendance": 104,
        "title": {
            "en": "Part 1: what completed Development Agenda projects achieved",
            "fr": "Partie 1 : ce qu’ont accompli les projets achevés du Plan d’action pour le développement",
            "es": "Parte 1: lo que lograron los proyectos concluidos de la Agenda para el Desarrollo",
        },
        "description": {
            "en": "The results and evaluations of recent projects.",
            "fr": "Les résultats et évaluations de projets récents.",
            "es": "Los resultados y evaluaciones de proyectos recientes.",
        },
        "summary": {"en": "Five projects and their evaluations; the next part shows how to reuse their tools."},
        "questions": [
            {
                "question": {"en": "Where are the evaluation reports published?"},
                "answer": {"en": "With the committee’s documents for the session that examined them."},
            },
        ],
        "feedback": [
            {"source": "participant", "country": "PL", "overall": 4, "relevance": 4},
            {
                "source": "participant",
                "country": "DE",
                "overall": 4,
                "relevance": 3,
                "topic_suggestion": "How evaluations feed new projects.",
            },
            {"source": "expert", "expert": "kowalski", "overall": 4},
        ],
    },
    {
        "slug": "project-results-part-2",
        "years_ago": 2,
        "starts": (4, 23, 14, 0),
        "topic": "development-agenda-project-tools",
        "series": "from-project-results-to-new-proposals",
        "series_position": 2,
        "regions": ["central-europe", "western-europe"],
        "languages": ["en"],
        "experts": ["kowalski", "martin"],
        "format": "live",
        "registrations": 132,
        "attendance": 88,
        "title": {
            "en": "Part 2: using the tools of Development Agenda projects",
            "fr": "Partie 2 : utiliser les outils des projets du Plan d’action pour le développement",
            "es": "Parte 2: uso de las herramientas de los proyectos de la Agenda para el Desarrollo",
        },
        "description": {
            "en": "Building on part 1: guides and toolkits, with national examples.",
            "fr": "Dans le prolongement de la partie 1 : guides et outils, avec des exemples nationaux.",
            "es": "Continuación de la parte 1: guías y herramientas, con ejemplos nacionales.",
        },
        "summary": {"en": "Participants tried two toolkits on a case study."},
        "questions": [
            {
                "question": {"en": "Are the toolkits available in other languages?"},
                "answer": {"en": "Most are in English, French and Spanish; some also in Arabic and Russian."},
            },
        ],
        "feedback": [
            {"source": "participant", "country": "LT", "overall": 5, "relevance": 5},
            {"source": "participant", "country": "CZ", "overall": 4, "relevance": 4},
            {"source": "expert", "expert": "martin", "overall": 5, "useful": "The case study worked well online."},
        ],
    },
    {
        "slug": "project-results-part-3",
        "years_ago": 2,
        "starts": (6, 18, 14, 0),
        "topic": "shaping-a-project-proposal",
        "series": "from-project-results-to-new-proposals",
        "series_position": 3,
        "regions": ["central-europe", "western-europe"],
        "languages": ["en"],
        "experts": ["martin"],
        "format": "live",
        "registrations": 118,
        "attendance": 81,
        "title": {
            "en": "Part 3: shaping a new project proposal",
            "fr": "Partie 3 : élaborer une nouvelle proposition de projet",
            "es": "Parte 3: elaborar una nueva propuesta de proyecto",
        },
        "description": {
            "en": "Two delegations present draft proposals on similar subjects and collect comments.",
            "fr": "Deux délégations présentent des projets de proposition sur des sujets voisins et recueillent "
            "des avis.",
            "es": "Dos delegaciones presentan borradores de propuestas sobre temas similares y recogen comentarios.",
        },
        "summary": {"en": "Both draft proposals were refined with comments from peers and staff."},
        "questions": [
            {
                "question": {"en": "How long before a session should a proposal be submitted?"},
                "answer": {
                    "en": "Ideally in time for the documents of the next session; the Secretariat can "
                    "advise on the timeline."
                },
            },
        ],
        "feedback": [
            {"source": "participant", "country": "EE", "overall": 5, "relevance": 5},
            {"source": "participant", "country": "SE", "overall": 4, "relevance": 4},
            {"source": "expert", "expert": "martin", "overall": 5},
        ],
    },
    {
        "slug": "ip-and-sdgs-africa",
        "years_ago": 2,
        "starts": (9, 24, 11, 0),
        "topic": "ip-and-the-sdgs",
        "regions": ["africa"],
        "languages": ["fr", "en"],
        "experts": ["diallo"],
        "format": "live",
        "registrations": 260,
        "attendance": 171,
        "title": {
            "en": "Intellectual property and the Sustainable Development Goals in Africa",
            "fr": "Propriété intellectuelle et objectifs de développement durable en Afrique",
            "es": "Propiedad intelectual y Objetivos de Desarrollo Sostenible en África",
        },
        "description": {
            "en": "Which goals technical assistance in IP can serve, with African examples.",
            "fr": "Les objectifs que l’assistance technique en propriété intellectuelle peut servir, avec des "
            "exemples africains.",
            "es": "Los objetivos a los que puede contribuir la asistencia técnica, con ejemplos africanos.",
        },
        "summary": {
            "en": "The webinar linked projects on agriculture, health and education to the goals.",
            "fr": "Le webinaire a relié des projets dans l’agriculture, la santé et l’éducation aux objectifs.",
        },
        "questions": [
            {
                "question": {
                    "en": "Is there a list of activities linked to each goal?",
                    "fr": "Existe‑t‑il une liste des activités liées à chaque objectif ?",
                },
                "answer": {
                    "en": "The Secretariat reports the link in its annual report on the Development Agenda.",
                    "fr": "Le Secrétariat en rend compte dans son rapport annuel sur le Plan d’action pour le "
                    "développement.",
                },
            },
        ],
        "feedback": [
            {
                "source": "participant",
                "country": "CI",
                "overall": 5,
                "relevance": 5,
                "topic_suggestion": "Les centres d’appui à la technologie et à l’innovation.",
            },
            {"source": "participant", "country": "KE", "overall": 4, "relevance": 5},
            {"source": "expert", "expert": "diallo", "overall": 5},
        ],
    },
    {
        "slug": "innovation-support-centres-latin-america",
        "years_ago": 2,
        "starts": (11, 12, 16, 0),
        "topic": "innovation-support-centres",
        "regions": ["lac"],
        "languages": ["es", "pt"],
        "experts": ["souza"],
        "format": "prerecorded",
        "registrations": 280,
        "attendance": 166,
        "title": {
            "en": "Innovation support centres in Latin America: good practices",
            "fr": "Centres d’appui à l’innovation en Amérique latine : bonnes pratiques",
            "es": "Centros de apoyo a la innovación en América Latina: buenas prácticas",
        },
        "description": {
            "en": "How national networks of centres are run and funded.",
            "fr": "Comment les réseaux nationaux de centres sont gérés et financés.",
            "es": "Cómo se gestionan y financian las redes nacionales de centros.",
        },
        "summary": {
            "en": "A pre-recorded tour of three networks, then live questions in Spanish and Portuguese.",
            "es": "Un recorrido pregrabado por tres redes y preguntas en directo en español y portugués.",
        },
        "questions": [
            {
                "question": {
                    "en": "How many staff does a centre need to start?",
                    "es": "¿Cuántas personas necesita un centro para empezar?",
                },
                "answer": {
                    "en": "Two trained staff are enough to start; the network provides training.",
                    "es": "Bastan dos personas capacitadas; la red ofrece la formación.",
                },
            },
        ],
        "feedback": [
            {"source": "participant", "country": "BR", "overall": 5, "relevance": 5},
            {
                "source": "participant",
                "country": "AR",
                "overall": 4,
                "relevance": 4,
                "topic_suggestion": "El derecho de autor en el entorno digital.",
            },
            {"source": "expert", "expert": "souza", "overall": 4},
        ],
    },
    {
        "slug": "ai-in-ip-offices-part-1",
        "years_ago": 1,
        "starts": (3, 11, 9, 0),
        "topic": "ai-and-ip-offices",
        "series": "ai-and-ip-offices-series",
        "series_position": 1,
        "regions": ["asia-pacific"],
        "languages": ["en", "zh-hans"],
        "experts": ["chen", "mehta"],
        "format": "live",
        "registrations": 340,
        "attendance": 230,
        "title": {
            "en": "AI in IP offices, part 1: the tools in use",
            "fr": "L’IA dans les offices, partie 1 : les outils utilisés",
            "es": "La IA en las oficinas, parte 1: las herramientas utilizadas",
        },
        "description": {
            "en": "Classification, search and translation tools already used by offices.",
            "fr": "Outils de classement, de recherche et de traduction déjà utilisés par les offices.",
            "es": "Herramientas de clasificación, búsqueda y traducción que ya utilizan las oficinas.",
        },
        "summary": {"en": "Demonstrations of three tools; part 2 turns to the policy questions."},
        "questions": [
            {
                "question": {"en": "Can small offices use these tools without their own IT team?"},
                "answer": {"en": "Several are offered as hosted services; technical assistance can cover the set-up."},
            },
        ],
        "feedback": [
            {"source": "participant", "country": "CN", "overall": 5, "relevance": 5},
            {"source": "participant", "country": "VN", "overall": 4, "relevance": 5},
            {"source": "expert", "expert": "chen", "overall": 5},
        ],
    },
    {
        "slug": "ai-in-ip-offices-part-2",
        "years_ago": 1,
        "starts": (5, 13, 9, 0),
        "topic": "ai-and-ip-offices",
        "series": "ai-and-ip-offices-series",
        "series_position": 2,
        "regions": ["asia-pacific"],
        "languages": ["en", "zh-hans"],
        "experts": ["chen"],
        "format": "live",
        "registrations": 298,
        "attendance": 201,
        "title": {
            "en": "AI in IP offices, part 2: the policy questions",
            "fr": "L’IA dans les offices, partie 2 : les questions de politique",
            "es": "La IA en las oficinas, parte 2: las cuestiones de política",
        },
        "description": {
            "en": "Building on part 1: data, transparency and the role of examiners.",
            "fr": "Dans le prolongement de la partie 1 : données, transparence et rôle des examinateurs.",
            "es": "Continuación de la parte 1: datos, transparencia y papel de los examinadores.",
        },
        "summary": {"en": "Discussion of data governance and of keeping examiners in charge of decisions."},
        "questions": [
            {
                "question": {"en": "Who is responsible when an AI tool gives a wrong classification?"},
                "answer": {"en": "The office remains responsible; the tools assist examiners, who decide."},
            },
        ],
        "feedback": [
            {"source": "participant", "country": "TH", "overall": 4, "relevance": 4},
            {
                "source": "participant",
                "country": "ID",
                "overall": 5,
                "relevance": 5,
                "topic_suggestion": "AI and copyright.",
            },
            {"source": "expert", "expert": "chen", "overall": 4},
        ],
    },
    {
        "slug": "women-entrepreneurs-arab-region",
        "years_ago": 1,
        "starts": (6, 10, 11, 0),
        "topic": "women-entrepreneurs-and-ip",
        "regions": ["arab"],
        "languages": ["ar", "fr"],
        "experts": ["elamrani"],
        "format": "live",
        "registrations": 230,
        "attendance": 152,
        "title": {
            "en": "Women entrepreneurs and intellectual property in the Arab region",
            "fr": "Les femmes entrepreneures et la propriété intellectuelle dans la région arabe",
            "es": "Las mujeres emprendedoras y la propiedad intelectual en la región árabe",
        },
        "description": {
            "en": "Programmes of IP offices for women-led businesses.",
            "fr": "Programmes des offices en faveur des entreprises dirigées par des femmes.",
            "es": "Programas de las oficinas para empresas dirigidas por mujeres.",
        },
        "summary": {
            "en": "Two offices presented mentoring programmes and reduced fees for women entrepreneurs.",
            "fr": "Deux offices ont présenté des programmes de mentorat et des taxes réduites pour les femmes "
            "entrepreneures.",
        },
        "questions": [
            {
                "question": {
                    "en": "Do reduced fees raise filings by women entrepreneurs?",
                    "fr": "Les taxes réduites augmentent‑elles les dépôts des femmes entrepreneures ?",
                },
                "answer": {
                    "en": "The offices saw a rise, mostly when fees went with mentoring.",
                    "fr": "Les offices ont constaté une hausse, surtout lorsque les taxes réduites "
                    "s’accompagnaient de mentorat.",
                },
            },
        ],
        "feedback": [
            {"source": "participant", "country": "TN", "overall": 5, "relevance": 5},
            {
                "source": "participant",
                "country": "JO",
                "overall": 4,
                "relevance": 4,
                "topic_suggestion": "Technology and innovation support centres for women.",
            },
            {"source": "expert", "expert": "elamrani", "overall": 5},
        ],
    },
    {
        "slug": "measuring-impact-europe-central-asia",
        "years_ago": 1,
        "starts": (9, 16, 10, 0),
        "topic": "measuring-technical-assistance-impact",
        "regions": ["central-asia", "central-europe"],
        "languages": ["ru", "en"],
        "experts": ["sultanova", "oconnor"],
        "format": "live",
        "registrations": 150,
        "attendance": 99,
        "title": {
            "en": "Measuring the impact of technical assistance",
            "fr": "Mesurer l’incidence de l’assistance technique",
            "es": "Medir el impacto de la asistencia técnica",
        },
        "description": {
            "en": "Indicators and evaluations, from an office’s and the Secretariat’s side.",
            "fr": "Indicateurs et évaluations, du côté des offices et du Secrétariat.",
            "es": "Indicadores y evaluaciones, desde el punto de vista de las oficinas y de la Secretaría.",
        },
        "summary": {"en": "The Secretariat explained its performance indicators; two offices showed their own."},
        "questions": [
            {
                "question": {"en": "Can beneficiaries see the evaluation of an activity they received?"},
                "answer": {"en": "Yes; evaluation reports are shared with the beneficiary institution."},
            },
        ],
        "feedback": [
            {"source": "participant", "country": "GE", "overall": 4, "relevance": 5},
            {"source": "participant", "country": "HU", "overall": 4, "relevance": 4},
            {
                "source": "expert",
                "expert": "oconnor",
                "overall": 4,
                "to_improve": "Interpretation into Russian should be booked earlier.",
            },
        ],
    },
    {
        "slug": "copyright-digital-latin-america",
        "years_ago": 1,
        "starts": (11, 4, 16, 0),
        "topic": "copyright-in-the-digital-environment",
        "regions": ["lac"],
        "languages": ["es"],
        "experts": ["mendoza", "souza"],
        "format": "live",
        "registrations": 320,
        "attendance": 214,
        "title": {
            "en": "Copyright in the digital environment: challenges for Latin America",
            "fr": "Le droit d’auteur dans l’environnement numérique : défis pour l’Amérique latine",
            "es": "El derecho de autor en el entorno digital: desafíos para América Latina",
        },
        "description": {
            "en": "Streaming, collective management and what technical assistance can offer.",
            "fr": "Diffusion en continu, gestion collective et apport de l’assistance technique.",
            "es": "Transmisión en continuo, gestión colectiva y lo que puede ofrecer la asistencia técnica.",
        },
        "summary": {
            "en": "The discussion centred on remuneration of creators on streaming platforms.",
            "es": "El debate se centró en la remuneración de los creadores en las plataformas de transmisión.",
        },
        "questions": [
            {
                "question": {
                    "en": "Does the Secretariat help draft laws on collective management?",
                    "es": "¿Ayuda la Secretaría a redactar leyes sobre gestión colectiva?",
                },
                "answer": {
                    "en": "Yes, legislative assistance is given on request and remains confidential.",
                    "es": "Sí, se presta asistencia legislativa a petición, con carácter confidencial.",
                },
            },
        ],
        "feedback": [
            {"source": "participant", "country": "MX", "overall": 5, "relevance": 5},
            {
                "source": "participant",
                "country": "CL",
                "overall": 5,
                "relevance": 4,
                "topic_suggestion": "Inteligencia artificial y derecho de autor.",
            },
            {"source": "expert", "expert": "mendoza", "overall": 5},
        ],
    },
]

# --- This year's consultation (decided) and plan (published) ------------------------

# Dates of this year's consultation, in the year before it: (month, day).
CURRENT_CYCLE = {
    "approved_on": (8, 25),
    "opens_on": (9, 1),
    "deadline_on": (10, 31),
    "title": {
        "en": "Consultation on the webinars of {year}",
        "fr": "Consultation sur les webinaires de {year}",
        "es": "Consulta sobre los seminarios web de {year}",
    },
    "introduction": {
        "en": "Please tell us which candidate topics your group adopts and send your own proposals.",
        "fr": "Veuillez nous indiquer les thèmes que votre groupe adopte et nous transmettre vos propres propositions.",
        "es": "Indíquenos qué temas adopta su grupo y envíenos sus propias propuestas.",
    },
}

CURRENT_CANDIDATE_TOPICS = [
    {"topic": "innovation-support-centres", "source": "secretariat"},
    {
        "topic": "measuring-technical-assistance-impact",
        "source": "carried_over",
        "note": "Asked for again after last year’s webinar.",
    },
    {
        "topic": "women-entrepreneurs-and-ip",
        "source": "feedback",
        "note": "Suggested by participants of earlier webinars.",
    },
    {"topic": "ai-and-ip-offices", "source": "secretariat"},
]

# "submitted_on": (month, day) in the year before the plan.
CURRENT_PROPOSALS = [
    {
        "group": "african",
        "kind": "adoption",
        "candidate": "innovation-support-centres",
        "title": "Centres d’appui à la technologie et à l’innovation en Afrique",
        "written_in": "fr",
        "objectives": "Partager les bonnes pratiques des réseaux de centres et les adapter aux pays africains.",
        "target_audience": "Coordonnateurs nationaux des réseaux, universités, offices.",
        "scope_area": "e",
        "regions": ["africa"],
        "languages": ["fr", "en"],
        "preferred_period": "q2",
        "state": "retained",
        "submitted_on": (9, 20),
        "decision_reason": "Retenu : thème du champ d’application, seul webinaire pour l’Afrique.",
    },
    {
        "group": "grulac",
        "kind": "own",
        "title": "Cooperación Sur-Sur entre oficinas de propiedad intelectual de la región",
        "written_in": "es",
        "objectives": "Conocer experiencias de cooperación entre oficinas de América Latina y el Caribe y "
        "definir nuevas iniciativas conjuntas.",
        "target_audience": "Oficinas nacionales de propiedad intelectual y agencias de cooperación.",
        "topics": "Exámenes compartidos; formación conjunta; intercambio de datos.",
        "scope_area": "d",
        "regions": ["lac"],
        "languages": ["es", "pt"],
        "preferred_period": "q3",
        "state": "retained",
        "submitted_on": (10, 2),
        "decision_reason": "Retenida: tema dentro del ámbito de aplicación, prioridad del grupo.",
    },
    {
        "group": "asia-pacific",
        "kind": "adoption",
        "candidate": "women-entrepreneurs-and-ip",
        "title": "Women entrepreneurs and intellectual property",
        "written_in": "en",
        "objectives": "Learn from offices that run programmes for women-led businesses.",
        "target_audience": "IP offices and business support organisations.",
        "scope_area": "e",
        "regions": ["arab", "asia-pacific"],
        "languages": ["ar", "en"],
        "preferred_period": "any",
        "state": "retained",
        "submitted_on": (10, 10),
        "decision_reason": "Retained and merged with the African Group’s proposal on the same subject.",
    },
    {
        "group": "african",
        "kind": "own",
        "title": "Entrepreneuriat féminin et propriété intellectuelle",
        "written_in": "fr",
        "objectives": "Présenter des programmes d’appui aux femmes entrepreneures dans la région arabe et en "
        "Afrique du Nord.",
        "target_audience": "Offices, associations de femmes entrepreneures.",
        "scope_area": "e",
        "regions": ["arab"],
        "languages": ["ar", "fr"],
        "preferred_period": "q2",
        "state": "merged",
        "submitted_on": (10, 15),
        "decision_reason": "Fusionnée avec la proposition du groupe des pays d’Asie et du Pacifique sur le même "
        "thème : un seul webinaire en arabe et en anglais.",
    },
    {
        "group": "caceec",
        "kind": "own",
        "title": "National IP strategies in Central Asia and the Caucasus",
        "written_in": "en",
        "objectives": "Compare how national IP strategies are prepared and monitored in the region.",
        "target_audience": "Ministries and IP offices.",
        "scope_area": "e",
        "regions": ["central-asia"],
        "languages": ["ru"],
        "preferred_period": "q3",
        "state": "retained",
        "submitted_on": (10, 20),
        "decision_reason": "Retained: inside the scope; the only request for the region.",
    },
    {
        "group": "china",
        "kind": "adoption",
        "candidate": "ai-and-ip-offices",
        "title": "Artificial intelligence and IP offices: a third part",
        "written_in": "en",
        "objectives": "Continue last year’s series with the experience of offices that deployed AI tools.",
        "target_audience": "Heads and IT managers of IP offices.",
        "continues_series": "ai-and-ip-offices-series",
        "series_first_part": 3,
        "scope_area": "f",
        "regions": ["asia-pacific"],
        "languages": ["zh-hans", "en"],
        "preferred_period": "q4",
        "state": "retained",
        "submitted_on": (10, 22),
        "decision_reason": "Retained: graded follow-up of an earlier series.",
    },
    {
        "group": "cebs",
        "kind": "adoption",
        "candidate": "measuring-technical-assistance-impact",
        "title": "Measuring the impact of technical assistance: office indicators",
        "written_in": "en",
        "objectives": "Build on last year’s webinar with indicators used by offices of the region.",
        "target_audience": "Managers of technical assistance and evaluators.",
        "scope_area": "d",
        "regions": ["central-europe"],
        "languages": ["en"],
        "preferred_period": "q4",
        "state": "retained",
        "submitted_on": (10, 25),
        "decision_reason": "Retained, together with Group B’s adoption of the same topic.",
    },
    {
        "group": "group-b",
        "kind": "adoption",
        "candidate": "measuring-technical-assistance-impact",
        "title": "Measuring the impact of technical assistance",
        "written_in": "en",
        "objectives": "Discuss how donors and beneficiaries can share indicators.",
        "target_audience": "Cooperation agencies and IP offices.",
        "scope_area": "d",
        "regions": ["western-europe"],
        "languages": ["en"],
        "preferred_period": "any",
        "state": "merged",
        "submitted_on": (10, 28),
        "decision_reason": "Merged with the CEBS adoption of the same topic into one webinar for both regions.",
    },
    {
        "group": "group-b",
        "kind": "own",
        "title": "Basics of patent drafting",
        "written_in": "en",
        "objectives": "Train researchers in drafting patent applications.",
        "target_audience": "Researchers and inventors.",
        "scope_area": "other",
        "regions": ["western-europe"],
        "languages": ["en"],
        "preferred_period": "any",
        "state": "declined",
        "submitted_on": (10, 30),
        "decision_reason": "Not retained: outside the strategy’s scope, and the plan had reached its capacity. "
        "The Academy’s distance-learning courses cover this subject.",
    },
]

PLAN = {
    "capacity": 6,
    "budget": "66000.00",  # six webinars at 9,500 and interpretation at 1,500 for each extra language
    "cost_per_webinar": "9500.00",
    "published_on": (12, 10),  # in the year before the plan
    "notes": "Six webinars, one main region each; the Western Europe region is covered jointly with CEBS.",
}

# Each entry is a webinar later this year: scheduled (on a working day at "hour", Geneva time,
# its expert on it and registration open), or still to be scheduled in a month or a quarter
# ("to_be_scheduled"). "proposals": (group, title).
PLAN_ENTRIES = [
    {
        "position": 1,
        "topic": "innovation-support-centres",
        "region": "africa",
        "regions": ["africa"],
        "languages": ["fr", "en"],
        "expert": "diallo",
        "hour": 11,
        "proposals": [("african", "Centres d’appui à la technologie et à l’innovation en Afrique")],
        "slug": "innovation-support-centres-africa",
        "title": {
            "en": "Technology and innovation support centres in Africa",
            "fr": "Centres d’appui à la technologie et à l’innovation en Afrique",
            "es": "Centros de apoyo a la tecnología y la innovación en África",
        },
        "rationale": {
            "en": "Adopted by the African Group; inside the scope (area e).",
            "fr": "Adopté par le groupe des pays africains ; dans le champ d’application (domaine e).",
        },
    },
    {
        "position": 2,
        "topic": "south-south-cooperation",
        "region": "lac",
        "regions": ["lac"],
        "languages": ["es", "pt"],
        "expert": "mendoza",
        # 17:00 in Geneva is 09:00 or 10:00 in Mexico City, 12:00 or 13:00 in Brasília: office hours all year.
        "hour": 17,
        "proposals": [("grulac", "Cooperación Sur-Sur entre oficinas de propiedad intelectual de la región")],
        "slug": "south-south-cooperation-latin-america",
        "title": {
            "en": "South-South cooperation between IP offices of Latin America and the Caribbean",
            "fr": "Coopération Sud‑Sud entre les offices d’Amérique latine et des Caraïbes",
            "es": "Cooperación Sur-Sur entre las oficinas de América Latina y el Caribe",
        },
        "rationale": {"en": "GRULAC’s own proposal; inside the scope (area d)."},
    },
    {
        "position": 3,
        "topic": "women-entrepreneurs-and-ip",
        "region": "arab",
        "regions": ["arab", "asia-pacific", "africa"],
        "languages": ["ar", "en"],
        "expert": "elamrani",
        "hour": 11,
        # From Dakar to Beijing no time falls within everyone's office hours: the programme
        # manager kept this one, and the scheduling screen shows the conflicts and the reason.
        "kept_despite": "The three regions asked for one joint webinar; Beijing follows the recording "
        "and a live question session with the expert the next morning.",
        "proposals": [
            ("asia-pacific", "Women entrepreneurs and intellectual property"),
            ("african", "Entrepreneuriat féminin et propriété intellectuelle"),
        ],
        "slug": "women-entrepreneurs-programmes",
        "title": {
            "en": "Programmes for women entrepreneurs: what works",
            "fr": "Programmes pour les femmes entrepreneures : ce qui fonctionne",
            "es": "Programas para mujeres emprendedoras: lo que funciona",
        },
        "rationale": {"en": "Two similar proposals merged into one webinar (synergy)."},
    },
    {
        "position": 4,
        "topic": "national-ip-strategies",
        "region": "central-asia",
        "regions": ["central-asia"],
        "languages": ["ru"],
        "expert": "sultanova",
        "hour": 10,
        "proposals": [("caceec", "National IP strategies in Central Asia and the Caucasus")],
        "slug": "national-ip-strategies-central-asia",
        "title": {
            "en": "National IP strategies in Central Asia and the Caucasus",
            "fr": "Stratégies nationales de propriété intellectuelle en Asie centrale et dans le Caucase",
            "es": "Estrategias nacionales de propiedad intelectual en Asia Central y el Cáucaso",
        },
        "rationale": {"en": "CACEEC’s own proposal; inside the scope (area e)."},
    },
    {
        "position": 5,
        "topic": "ai-and-ip-offices",
        "region": "asia-pacific",
        "regions": ["asia-pacific"],
        "languages": ["zh-hans", "en"],
        "expert": "chen",
        "hour": 9,
        # Still to be scheduled, in the month the loader gives it; the expert accepted already,
        # available from the first week of that month on.
        "to_be_scheduled": "month",
        "proposals": [("china", "Artificial intelligence and IP offices: a third part")],
        # Part 3 of the series whose parts 1 and 2 were held last year.
        "series": "ai-and-ip-offices-series",
        "series_position": 3,
        "slug": "ai-in-ip-offices-deployment",
        "title": {
            "en": "AI in IP offices: lessons from deployment",
            "fr": "L’IA dans les offices : enseignements des déploiements",
            "es": "La IA en las oficinas: enseñanzas de su implantación",
        },
        "rationale": {"en": "Adopted by China; graded follow-up of last year’s series (area f)."},
    },
    {
        "position": 6,
        "topic": "measuring-technical-assistance-impact",
        "region": "central-europe",
        "regions": ["central-europe", "western-europe"],
        "languages": ["en"],
        "expert": "oconnor",
        "hour": 14,
        # Still to be scheduled, in a quarter; no expert has accepted yet.
        "to_be_scheduled": "quarter",
        "proposals": [
            ("cebs", "Measuring the impact of technical assistance: office indicators"),
            ("group-b", "Measuring the impact of technical assistance"),
        ],
        "slug": "measuring-impact-indicators",
        "title": {
            "en": "Measuring the impact of technical assistance: shared indicators",
            "fr": "Mesurer l’incidence de l’assistance technique : des indicateurs partagés",
            "es": "Medir el impacto de la asistencia técnica: indicadores compartidos",
        },
        "rationale": {"en": "Adopted by CEBS and Group B; merged into one webinar for both regions."},
    },
]

# --- Next year's consultation (open now) ---------------------------------------------

OPEN_CYCLE = {
    "title": CURRENT_CYCLE["title"],
    "introduction": {
        "en": "The Secretariat proposes the topics below for next year. Your group may adopt one or more of "
        "them and/or submit its own proposals (a single webinar or a graded series) before the deadline.",
        "fr": "Le Secrétariat propose les thèmes ci‑dessous pour l’année prochaine.  Votre groupe peut en "
        "adopter un ou plusieurs et/ou soumettre ses propres propositions (un webinaire ou une série graduée) "
        "avant la date limite.",
        "es": "La Secretaría propone los temas siguientes para el próximo año. Su grupo puede adoptar uno o "
        "varios y/o presentar sus propias propuestas (un seminario web o una serie gradual) antes de la fecha "
        "límite.",
    },
}

OPEN_CANDIDATE_TOPICS = [
    {"topic": "shaping-a-project-proposal", "source": "secretariat"},
    {"topic": "ip-and-the-sdgs", "source": "secretariat"},
    {"topic": "development-agenda-project-tools", "source": "secretariat"},
    {"topic": "technical-assistance-needs-assessment", "source": "secretariat"},
    {
        "topic": "copyright-in-the-digital-environment",
        "source": "feedback",
        "note": "Participants asked for a follow-up on artificial intelligence and copyright.",
    },
    {
        "topic": "south-south-cooperation",
        "source": "feedback",
        "note": "Suggested by participants from Latin America and Central Asia.",
    },
]

# "submitted_after_days": days after the consultation opened; None for a draft.
OPEN_PROPOSALS = [
    {
        "group": "grulac",
        "kind": "own",
        "shape": "series",
        "title": "El ciclo de la asistencia técnica, paso a paso",
        "written_in": "es",
        "objectives": "Recorrer, en tres seminarios graduales, las etapas del ciclo de la asistencia técnica "
        "de la OMPI, de la evaluación de necesidades al seguimiento.",
        "target_audience": "Oficinas de propiedad intelectual y puntos focales nacionales de asistencia técnica.",
        "topics": "Evaluación de necesidades; planificación y diseño; seguimiento y evaluación.",
        "comment": "Preferimos sesiones por la tarde (hora de Ginebra) para la región.",
        "scope_area": "c",
        "regions": ["lac"],
        "languages": ["es", "pt"],
        "preferred_period": "q2",
        "state": "submitted",
        "submitted_after_days": 6,
        "parts": [
            {
                "title": "Evaluación de necesidades",
                "objectives": "Conocer los métodos para determinar las necesidades de un país.",
            },
            {
                "title": "Planificación y diseño de las actividades",
                "objectives": "A partir de la parte 1, convertir las necesidades en un plan de actividades.",
            },
            {
                "title": "Seguimiento y evaluación de los resultados",
                "objectives": "A partir de la parte 2, medir los resultados y corregir el rumbo.",
            },
        ],
    },
    {
        "group": "african",
        "kind": "own",
        "title": "Valoriser les savoirs traditionnels : expériences africaines",
        "written_in": "fr",
        "objectives": "Partager les expériences de pays africains qui ont documenté et protégé des savoirs "
        "traditionnels, et le rôle de l’assistance technique.",
        "target_audience": "Offices, ministères de la culture, communautés locales.",
        "topics": "Registres de savoirs traditionnels ; partage des avantages ; marques collectives.",
        "scope_area": "e",
        "regions": ["africa", "arab"],
        "languages": ["fr", "ar", "en"],
        "preferred_period": "q3",
        "state": "submitted",
        "submitted_after_days": 9,
    },
    {
        "group": "asia-pacific",
        "kind": "adoption",
        "candidate": "ip-and-the-sdgs",
        "title": "Intellectual property and the Sustainable Development Goals",
        "written_in": "en",
        "objectives": "Show how technical assistance projects in the region serve the goals on health and climate.",
        "target_audience": "Policy makers and IP offices.",
        "scope_area": "d",
        "regions": ["asia-pacific"],
        "languages": ["en"],
        "preferred_period": "any",
        "state": "submitted",
        "submitted_after_days": 10,
    },
    {
        "group": "group-b",
        "kind": "adoption",
        "candidate": "ip-and-the-sdgs",
        "title": "IP and the SDGs: partnerships",
        "written_in": "en",
        "objectives": "Discuss how development partners and beneficiaries work together on the goals.",
        "target_audience": "Cooperation agencies and IP offices.",
        "scope_area": "d",
        "regions": ["western-europe"],
        "languages": ["en", "fr"],
        "preferred_period": "q4",
        "state": "submitted",
        "submitted_after_days": 11,
    },
    {
        "group": "cebs",
        "kind": "adoption",
        "candidate": "shaping-a-project-proposal",
        "title": "Shaping a Development Agenda project proposal",
        "written_in": "en",
        "objectives": "Test two draft project ideas of the region with peers before the committee.",
        "target_audience": "Delegates and project proponents.",
        "scope_area": "c",
        "regions": ["central-europe"],
        "languages": ["en"],
        "preferred_period": "q1",
        "state": "submitted",
        "submitted_after_days": 12,
    },
    {
        "group": "caceec",
        "kind": "own",
        "title": "Digital transformation of IP offices",
        "written_in": "en",
        "objectives": "Exchange on online filing and digital archives.",
        "target_audience": "",
        "scope_area": "f",
        "regions": ["central-asia"],
        "languages": ["ru"],
        "preferred_period": "any",
        "state": "draft",
        "submitted_after_days": None,
    },
    # Drafts still being written, so that each coordinator's dashboard has some.
    {
        "group": "african",
        "kind": "adoption",
        "candidate": "development-agenda-project-tools",
        "title": "Outils des projets du Plan d’action pour le développement",
        "written_in": "fr",
        "objectives": "Présenter les guides et outils issus des projets, et leur usage dans la région.",
        "target_audience": "Offices, universités, centres d’appui à la technologie et à l’innovation.",
        "scope_area": "b",
        "regions": ["africa", "arab"],
        "languages": ["fr", "ar"],
        "preferred_period": "q3",
        "state": "draft",
        "submitted_after_days": None,
    },
    {
        "group": "asia-pacific",
        "kind": "adoption",
        "candidate": "technical-assistance-needs-assessment",
        "title": "Assessing technical assistance needs",
        "written_in": "en",
        "objectives": "Learn the methods for assessing a country's needs before a project starts.",
        "target_audience": "IP offices and national focal points.",
        "scope_area": "c",
        "regions": ["asia-pacific"],
        "languages": [],
        "preferred_period": "any",
        "state": "draft",
        "submitted_after_days": None,
    },
    {
        "group": "china",
        "kind": "own",
        "title": "Patent information services for universities",
        "written_in": "en",
        "objectives": "Share how patent information centres serve university researchers.",
        "target_audience": "",
        "topics": "Patent searches; technology watch; training of researchers.",
        "scope_area": "d",
        "regions": ["asia-pacific"],
        "languages": ["zh-hans", "en"],
        "preferred_period": "q2",
        "state": "draft",
        "submitted_after_days": None,
    },
    {
        # The AI series goes on: parts 1 and 2 held last year, part 3 this year, part 4 proposed.
        "group": "asia-pacific",
        "kind": "own",
        "title": "AI in IP offices: sharing tools between offices",
        "written_in": "en",
        "objectives": "Building on parts 1 to 3: how offices share AI tools, training data and lessons.",
        "target_audience": "Heads of IP offices and their IT managers.",
        "topics": "Shared tools; training data; cooperation agreements between offices.",
        "continues_series": "ai-and-ip-offices-series",
        "series_first_part": 4,
        "scope_area": "f",
        "regions": ["asia-pacific"],
        "languages": ["en", "zh-hans"],
        "preferred_period": "q2",
        "state": "submitted",
        "submitted_after_days": 4,
    },
]

# --- The participants' network -------------------------------------------------------

# "joined": (years_ago, month, day); a pending one joined "days_ago".
NETWORK_MEMBERS = [
    {
        "email": "fatou.ndiaye@ompi-participants.example.org",
        "name": "Fatou Ndiaye",
        "language": "fr",
        "regions": ["africa"],
        "scope_areas": ["e"],
        "state": "confirmed",
        "joined": (3, 3, 20),
    },
    {
        "email": "jorge.paredes@participants.example.org",
        "name": "Jorge Paredes",
        "language": "es",
        "regions": ["lac"],
        "scope_areas": ["c", "d"],
        "state": "confirmed",
        "joined": (3, 5, 10),
    },
    {
        "email": "layla.hassan@participants.example.org",
        "name": "Layla Hassan",
        "language": "ar",
        "regions": ["arab"],
        "scope_areas": ["e"],
        "state": "confirmed",
        "joined": (1, 6, 11),
    },
    {
        "email": "ivan.petrov@participants.example.org",
        "name": "Ivan Petrov",
        "language": "ru",
        "regions": ["central-asia"],
        "scope_areas": ["d"],
        "state": "confirmed",
        "joined": (1, 9, 17),
    },
    {
        "email": "li.na@participants.example.org",
        "name": "Li Na",
        "language": "zh-hans",
        "regions": ["asia-pacific"],
        "scope_areas": ["f"],
        "state": "confirmed",
        "joined": (1, 3, 12),
    },
    {
        "email": "anna.kovacs@participants.example.org",
        "name": "Anna Kovács",
        "language": "en",
        "regions": ["central-europe"],
        "scope_areas": ["b"],
        "state": "unsubscribed",
        "joined": (2, 2, 21),
    },
    {
        "email": "new.subscriber@participants.example.org",
        "name": "",
        "language": "en",
        "regions": [],
        "scope_areas": [],
        "state": "pending",
        "days_ago": 2,
    },
]

# --- Reporting: the decision of the eighteenth session and its measures ---------------

_ORDINALS = {
    19: ("nineteenth", "dix‑neuvième"),
    20: ("twentieth", "vingtième"),
    21: ("twenty-first", "vingt et unième"),
    22: ("twenty-second", "vingt‑deuxième"),
    23: ("twenty-third", "vingt‑troisième"),
}
_REPORTS = {19: "CDIP/19/12", 20: "CDIP/20/13", 21: "CDIP/21/15", 22: "CDIP/22/18", 23: "CDIP/23/17 Prov."}


def implementation(symbol: str, en: str, fr: str) -> dict:
    return {"role": "implementation", "symbol": symbol, "title": {"en": en, "fr": fr}}


def report(session: int, first: int, last: int) -> dict:
    """The session report (a draft report for the twenty-third session) and its paragraphs."""
    en, fr = _ORDINALS[session]
    draft = _REPORTS[session].endswith("Prov.")
    return {
        "role": "examination",
        "symbol": _REPORTS[session],
        "title": {
            "en": f"{'Draft report' if draft else 'Report'} of the {en} session of the CDIP",
            "fr": f"{'Projet de rapport' if draft else 'Rapport'} de la {fr} session du CDIP",
        },
        "paragraphs": {"en": f"paragraphs {first} to {last}", "fr": f"paragraphes {first} à {last}"},
    }


def chair_summary(session: int, paragraph: str) -> dict:
    """The Chair's summary has no symbol of its own; it is named by its session (CDIP/21)."""
    en, fr = _ORDINALS[session]
    return {
        "role": "decision",
        "symbol": f"CDIP/{session}",
        "title": {
            "en": f"Summary by the Chair of the {en} session of the CDIP",
            "fr": f"Résumé présenté par le président de la {fr} session du CDIP",
        },
        "paragraphs": {"en": f"paragraph {paragraph}", "fr": f"paragraphe {paragraph}"},
    }


DECISION = {
    "session": 18,
    "decided_on": (2016, 11, 4),
    "source_document": "CDIP/24/8",
    "agenda_item": {"en": "Agenda item 7", "fr": "Point 7 de l’ordre du jour", "es": "Punto 7 del orden del día"},
    "title": {
        "en": "WIPO technical assistance in the area of cooperation for development: revised proposal of the "
        "delegation of Spain",
        "fr": "Assistance technique fournie par l’OMPI dans le domaine de la coopération pour le développement : "
        "proposition révisée de la délégation de l’Espagne",
        "es": "Asistencia técnica de la OMPI en el ámbito de la cooperación para el desarrollo: propuesta "
        "revisada de la delegación de España",
    },
    "text": {
        "en": "At its eighteenth session, held from 31 October to 4 November 2016, in the discussions on the "
        "external review of WIPO technical assistance in the area of cooperation for development, the committee "
        "decided: (i) to close the sub-item of agenda item 7 entitled “External review of WIPO technical "
        "assistance in the area of cooperation for development”; (ii) to open the discussion on WIPO technical "
        "assistance in the area of cooperation for development, focusing on the revised proposal of the "
        "delegation of Spain contained in Appendix I of the Summary by the Chair of the seventeenth session, "
        "under a new sub-item of agenda item 7, during the next six sessions of the CDIP; and (iii) at the end "
        "of that period, to discuss the final implementation of that revised proposal and the related documents "
        "CDIP/8/INF/1, CDIP/9/15, CDIP/9/16 and CDIP/16/6.",
        "fr": "À sa dix‑huitième session tenue du 31 octobre au 4 novembre 2016, lors des discussions relatives à "
        "l’étude extérieure sur l’assistance technique fournie par l’OMPI dans le domaine de la coopération pour "
        "le développement, le comité a décidé : i) de clore l’examen du sous‑élément du point 7 de l’ordre du "
        "jour intitulé “Étude extérieure sur l’assistance technique fournie par l’OMPI dans le domaine de la "
        "coopération pour le développement”; ii) d’ouvrir la discussion sur l’assistance technique fournie par "
        "l’OMPI dans le domaine de la coopération pour le développement en se concentrant sur la proposition "
        "révisée de la délégation de l’Espagne, qui fait l’objet de l’appendice I du résumé présenté par le "
        "président de la dix‑septième session du CDIP, dans un nouveau sous‑élément du point 7 de l’ordre du "
        "jour, au cours des six prochaines sessions du CDIP; et iii) à l’issue de cette période, d’examiner la "
        "mise en œuvre finale de la proposition révisée de la délégation de l’Espagne, qui fait l’objet de "
        "l’appendice I du résumé présenté par le président de la dix‑septième session du CDIP, et les documents "
        "connexes CDIP/8/INF/1, CDIP/9/15, CDIP/9/16 et CDIP/16/6.",
    },
}

MEASURES = [
    {
        "paragraph": "1",
        "number": 1,
        "state": "implemented",
        "title": {
            "en": "Compilation of WIPO practices, methodologies and tools for the provision of technical assistance",
            "fr": "Compilation des pratiques, méthodes et outils de l’OMPI concernant la fourniture d’une "
            "assistance technique",
        },
        "implementation": {
            "en": "At the twenty-first session of the committee, the Secretariat presented document CDIP/21/4, "
            "“Compilation of current WIPO practices, methodologies and tools for the provision of technical "
            "assistance”. It described the four stages of the cycle through which the Organization implements "
            "technical assistance (needs assessment; planning and design; implementation; monitoring and "
            "evaluation) and the practices, methodologies and tools used in each activity: national IP "
            "strategies and development plans, technical and administrative infrastructure, capacity building, "
            "legislative assistance, Development Agenda projects and public-private partnerships.",
            "fr": "Lors de la vingt et unième session du comité, le Secrétariat a présenté le document CDIP/21/4 "
            "intitulé “Compilation des pratiques, méthodes et outils de l’OMPI actuels concernant la fourniture "
            "d’une assistance technique”.  Ce document décrivait les quatre volets du cycle de mise en œuvre des "
            "activités d’assistance technique de l’Organisation (évaluation des besoins; planification et "
            "conception; mise en œuvre; suivi et évaluation) et les pratiques, méthodes et outils utilisés dans "
            "chacune des activités : stratégies et plans de développement nationaux en matière de propriété "
            "intellectuelle; infrastructure technique et administrative; renforcement des capacités; assistance "
            "législative; projets liés au Plan d’action pour le développement; partenariats public‑privé.",
        },
        "examination": {
            "en": "Delegations highlighted the importance of WIPO’s technical assistance activities and of the "
            "Development Agenda projects in meeting member states’ development needs. Some said that monitoring "
            "and evaluation systems, as well as results-based performance and monitoring indicators, would make "
            "projects more effective (report, paragraphs 98 to 112).",
            "fr": "Les délégations ont mis en exergue l’importance des activités d’assistance technique menées par "
            "l’OMPI, ainsi que des projets du Plan d’action pour le développement en ce qu’ils permettent de "
            "répondre aux besoins des États membres en matière de développement.  Certaines d’entre elles ont "
            "indiqué que des systèmes de suivi et d’évaluation, tout comme des indicateurs de performance et de "
            "suivi axés sur les résultats, rendraient les projets plus efficaces (rapport, paragraphes 98 à 112).",
        },
        "decision_taken": {
            "en": "Delegations took note of the detailed and comprehensive information contained in the document.",
            "fr": "Les délégations ont pris connaissance des informations détaillées et complètes figurant dans le "
            "document et en ont pris note.",
        },
        "follow_up": {
            "en": "WIPO continues to provide technical assistance on the basis of the information in document "
            "CDIP/21/4. Should member states consider it necessary, the compilation should be kept up to date to "
            "reflect any future change in the Organization’s technical assistance practices, methodologies and "
            "tools.",
            "fr": "L’OMPI continue à offrir une assistance technique sur la base des informations contenues dans "
            "le document CDIP/21/4.  Si les États membres l’estiment nécessaire, il conviendrait de tenir à jour "
            "cette compilation afin de prendre en considération toute évolution future des pratiques, méthodes et "
            "outils de l’Organisation en matière d’assistance technique.",
        },
        "documents": [
            implementation(
                "CDIP/21/4",
                "Compilation of current WIPO practices, methodologies and tools for the provision of technical "
                "assistance",
                "Compilation des pratiques, méthodes et outils de l’OMPI actuels concernant la fourniture d’une "
                "assistance technique",
            ),
            report(21, 98, 112),
            chair_summary(21, "8.1"),
        ],
        "actions": [
            {
                "owner": "Development Agenda Coordination Division",
                "description": {
                    "en": "Keep the compilation CDIP/21/4 up to date if member states consider it necessary.",
                    "fr": "Tenir à jour la compilation CDIP/21/4 si les États membres l’estiment nécessaire.",
                },
            }
        ],
    },
    {
        "paragraph": "1",
        "number": 2,
        "state": "closed",
        "title": {
            "en": "A one-day seminar to share experiences, tools and methodologies on technical assistance and "
            "capacity building",
            "fr": "Un séminaire d’une journée en vue de partager des données d’expérience, outils et méthodes en "
            "matière d’assistance technique et de renforcement des capacités",
        },
        "implementation": {
            "en": "On 12 May 2017, on the margins of the nineteenth session of the CDIP, a “Round Table on "
            "Technical Assistance and Capacity Building: Sharing Experiences, Tools and Methodologies” was held "
            "around four themes: needs assessment; planning and design; implementation; monitoring and "
            "evaluation. Officials of WIPO’s sectors and divisions addressed each theme and member states shared "
            "their experiences in an interactive discussion. At the twentieth session, the Secretariat presented "
            "the report of the round table (document CDIP/20/3).",
            "fr": "Le 12 mai 2017 s’est tenue, en marge de la dix‑neuvième session du CDIP, une “Table ronde sur "
            "l’assistance technique et le renforcement des capacités : Partage des données d’expérience, outils "
            "et méthodes”, articulée autour de quatre thèmes : évaluation des besoins; planification et "
            "conception; mise en œuvre; suivi et évaluation.  Des responsables des différents secteurs et "
            "divisions de l’OMPI ont abordé chacun de ces thèmes et les États membres ont partagé leurs données "
            "d’expérience au cours d’une discussion interactive.  Lors de la vingtième session, le Secrétariat a "
            "présenté le rapport de la table ronde (document CDIP/20/3).",
        },
        "examination": {
            "en": "Delegations welcomed the success of the round table. They stressed the quality of the meeting "
            "in both form and substance and hoped that the discussions would help improve the delivery of "
            "technical assistance in the future (report of the nineteenth session, paragraphs 37 to 61, and "
            "report of the twentieth session, paragraphs 233 to 244).",
            "fr": "Les délégations se sont félicitées de la réussite de la table ronde.  Elles ont souligné la "
            "qualité de la réunion, du point de vue tant de la forme que du fond et ont exprimé l’espoir que les "
            "discussions menées contribueraient à améliorer la fourniture de l’assistance technique à l’avenir "
            "(rapport de la dix‑neuvième session du CDIP, paragraphes 37 à 61 et rapport de la vingtième session "
            "du CDIP, paragraphes 233 à 244).",
        },
        "decision_taken": {
            "en": "The committee took note of the information contained in document CDIP/20/3.",
            "fr": "Le comité a pris note des informations contenues dans le document CDIP/20/3.",
        },
        "follow_up": {
            "en": "No follow-up is planned on this item.",
            "fr": "Aucun suivi n’est prévu sur ce point.",
        },
        "documents": [
            implementation(
                "CDIP/19",
                "Round Table on Technical Assistance and Capacity Building: Sharing Experiences, Tools and "
                "Methodologies, held on 12 May 2017",
                "Table ronde sur l’assistance technique et le renforcement des capacités : Partage des données "
                "d’expérience, outils et méthodes, tenue le 12 mai 2017",
            ),
            implementation(
                "CDIP/20/3",
                "Report of the Round Table on Technical Assistance and Capacity Building: Sharing Experiences, "
                "Tools and Methodologies",
                "Rapport de la table ronde sur l’assistance technique et le renforcement des capacités : partage "
                "de données d’expérience, outils et méthodes",
            ),
            report(19, 37, 61),
            report(20, 233, 244),
            chair_summary(19, "5"),
            chair_summary(20, "7.1"),
        ],
    },
    {
        "paragraph": "1",
        "number": 3,
        # Under way: the webinar platform runs for six months and is evaluated at the 25th session.
        "state": "under_way",
        "title": {
            "en": "A regular forum to share ideas, practices and experiences, in particular a web forum",
            "fr": "Un forum régulier destiné à partager des idées, des pratiques et des données d’expérience, en "
            "particulier un forum sur le Web",
        },
        "implementation": {
            "en": "Member states discussed this measure at the twenty-first and twenty-second sessions on the "
            "basis of a presentation by the Secretariat on the feasibility of a web forum on technical assistance "
            "and of the follow-up document CDIP/22/3. The committee held an interactive dialogue on technical "
            "assistance at its twenty-second session, in which a delegation designated by each regional group "
            "presented experiences, practices and tools. At the twenty-third session, the Secretariat presented "
            "document CDIP/23/9, “Prototype of a discussion forum on technical assistance”, which offered two "
            "options: a forum with weekly discussions (option A) or a platform for monthly webinars (option B).",
            "fr": "Les États membres ont évoqué la mise en œuvre de cette mesure lors des vingt et unième et "
            "vingt‑deuxième sessions du comité sur la base d’un exposé du Secrétariat sur la faisabilité de la "
            "création d’un forum sur le Web consacré à l’assistance technique et du document de suivi CDIP/22/3.  "
            "Le comité a engagé un dialogue interactif sur l’assistance technique à sa vingt‑deuxième session, "
            "au cours duquel une délégation désignée par chaque groupe régional a présenté des données "
            "d’expérience, des pratiques et des outils.  À la vingt‑troisième session, le Secrétariat a présenté "
            "le document CDIP/23/9 intitulé “Prototype de forum de discussion consacré à l’assistance technique”, "
            "qui proposait deux options : un forum de discussions hebdomadaires (option A) ou une plateforme de "
            "webinaires mensuels (option B).",
        },
        "examination": {
            "en": "The committee examined the feasibility of a web forum (report of the twenty-first session, "
            "paragraphs 113 to 128; report of the twenty-second session, paragraphs 89 to 125) and held the "
            "interactive dialogue (report of the twenty-second session, paragraphs 474 to 492). Delegations "
            "welcomed the options put forward by the Secretariat and supported option B (draft report of the "
            "twenty-third session, paragraphs 233 to 249).",
            "fr": "Le comité a examiné la faisabilité d’un forum sur le Web (rapport de la vingt et unième "
            "session du CDIP, paragraphes 113 à 128; rapport de la vingt‑deuxième session du CDIP, paragraphes "
            "89 à 125) et a tenu le dialogue interactif (rapport, paragraphes 474 à 492).  Les délégations ont "
            "salué les options mises en avant par le Secrétariat et se sont prononcées en faveur de l’option B "
            "(rapport, paragraphes 233 à 249).",
        },
        "decision_taken": {
            "en": "The committee took note of the presentation and requested the Secretariat to set up the "
            "webinar platform, as set out in option B, for an initial period of six months and to carry out an "
            "independent evaluation at the twenty-fifth session of the committee for further consideration.",
            "fr": "Le comité a pris note de l’exposé et a demandé au Secrétariat de mettre en place la plateforme "
            "de webinaires, comme indiqué dans l’option B, pour une période initiale de six mois et de procéder "
            "à une évaluation indépendante à la vingt‑cinquième session du comité, pour un examen plus "
            "approfondi.",
        },
        "follow_up": {
            "en": "The Secretariat has launched a series of webinars on experiences, tools and methodologies in "
            "technical assistance and capacity building for an initial period of six months. At the end of that "
            "period, the committee will consider the usefulness of the platform to decide whether to keep it as "
            "it is, modify it or close it. An independent evaluation report will be presented at the "
            "twenty-fifth session of the committee to facilitate further consideration.",
            "fr": "Le Secrétariat a lancé une série de webinaires relatifs aux données d’expérience, outils et "
            "méthodes en matière d’assistance technique et de renforcement des capacités, prévus pour une "
            "période initiale de six mois.  À l’issue de cette période, le comité examinera l’utilité de la "
            "plateforme de webinaires pour déterminer s’il convient de la conserver en l’état, de la modifier "
            "ou de la fermer.  Un rapport d’évaluation indépendant sera présenté lors de la vingt‑cinquième "
            "session du comité, afin de faciliter un examen plus approfondi par celui‑ci.",
        },
        "documents": [
            implementation(
                "CDIP/21",
                "Presentation on the feasibility of establishing a web forum on technical assistance",
                "Exposé sur la faisabilité de la création d’un forum sur le Web consacré à l’assistance technique",
            ),
            implementation(
                "CDIP/22",
                "Interactive dialogue on technical assistance",
                "Dialogue interactif sur l’assistance technique",
            ),
            implementation(
                "CDIP/22/3",
                "Feasibility of establishing a web forum on technical assistance",
                "Faisabilité de la création d’un forum sur le Web consacré à l’assistance technique",
            ),
            implementation(
                "CDIP/23/9",
                "Prototype of a discussion forum on technical assistance",
                "Prototype de forum de discussion consacré à l’assistance technique",
            ),
            report(21, 113, 128),
            report(22, 474, 492),
            report(22, 89, 125),
            report(23, 233, 249),
            chair_summary(21, "8.3"),
            chair_summary(22, "7.4"),
            chair_summary(22, "7.1"),
            chair_summary(23, "8.1"),
        ],
        "actions": [
            {
                "owner": "Development Agenda Coordination Division",
                "description": {
                    "en": "Present an independent evaluation report on the webinar platform at the twenty-fifth "
                    "session of the committee.",
                    "fr": "Présenter un rapport d’évaluation indépendant sur la plateforme de webinaires à la "
                    "vingt‑cinquième session du comité.",
                },
            }
        ],
    },
    {
        "paragraph": "2",
        "number": 1,
        "state": "implemented",
        "title": {
            "en": "Improving internal coordination, collaboration with United Nations agencies and programmes and "
            "other relevant international organizations, and cooperation with national and regional IP offices",
            "fr": "Amélioration de la coordination interne, de la collaboration avec les institutions et programmes "
            "des Nations Unies et d’autres organisations internationales, et de la coopération avec les offices "
            "de propriété intellectuelle",
        },
        "implementation": {
            "en": "At the twenty-second session of the committee, the Secretariat presented document CDIP/22/11, "
            "“Internal coordination, United Nations collaboration and cooperation with national and regional "
            "intellectual property offices”. It outlined the approaches and strategies for improvement in these "
            "three areas and highlighted new proposals for improvement in national IP strategies and development "
            "plans, technical and administrative infrastructure, capacity building, legislative assistance, "
            "Development Agenda projects and public-private partnerships.",
            "fr": "Lors de la vingt‑deuxième session du comité, le Secrétariat a présenté le document CDIP/22/11 "
            "intitulé “Coordination interne, collaboration avec les Nations Unies et coopération avec les offices "
            "nationaux et régionaux de propriété intellectuelle”.  Ce document donnait un aperçu des démarches et "
            "stratégies visant à apporter des améliorations dans ces trois domaines et mettait en évidence de "
            "nouvelles propositions d’amélioration dans les stratégies et plans nationaux de propriété "
            "intellectuelle, l’infrastructure technique et administrative, le renforcement des capacités, "
            "l’assistance législative, les projets liés au Plan d’action pour le développement et les "
            "partenariats public‑privé.",
        },
        "examination": {
            "en": "Delegations welcomed the document and noted WIPO’s continuous improvements in the three areas. "
            "They stressed the importance of pursuing these efforts, implementing the proposals highlighted in "
            "the document and strengthening cooperation at regional level. Some delegations wished to know more "
            "about WIPO’s participation in the Technology Facilitation Mechanism and about methods for assessing "
            "the long-term impact of WIPO’s activities (report, paragraphs 151 to 159).",
            "fr": "Les délégations ont accueilli favorablement ce document et ont pris note des améliorations "
            "constantes réalisées par l’OMPI dans les trois domaines.  Elles ont insisté sur l’importance de "
            "poursuivre les efforts, de déployer les propositions mises en lumière dans le document et de "
            "renforcer la coopération au niveau régional.  Certaines délégations souhaitaient également en savoir "
            "davantage sur la participation de l’OMPI au mécanisme de facilitation des technologies et sur les "
            "méthodes permettant d’évaluer l’impact à long terme des activités de l’OMPI (rapport, paragraphes "
            "151 à 159).",
        },
        "decision_taken": {
            "en": "The committee took note of the information contained in document CDIP/22/11.",
            "fr": "Le comité a pris note des informations contenues dans le document CDIP/22/11.",
        },
        "follow_up": {
            "en": "WIPO continues its efforts to ensure effective and coherent internal coordination, smooth "
            "collaboration with United Nations agencies and programmes and other relevant intergovernmental "
            "organizations, and cooperation with national and regional IP offices on technical assistance, "
            "capacity building and development cooperation.",
            "fr": "L’OMPI poursuit ses efforts visant à garantir une coordination interne efficace et cohérente au "
            "sein de l’Organisation, une collaboration harmonieuse avec les institutions et les programmes des "
            "Nations Unies et autres organisations intergouvernementales concernées et la coopération avec les "
            "offices nationaux et régionaux de propriété intellectuelle sur les questions relatives à l’assistance "
            "technique, au renforcement des capacités et à la coopération axée sur le développement.",
        },
        "documents": [
            implementation(
                "CDIP/22/11",
                "Internal coordination, United Nations collaboration and cooperation with national and regional "
                "intellectual property offices",
                "Coordination interne, collaboration avec les Nations Unies et coopération avec les offices "
                "nationaux et régionaux de propriété intellectuelle",
            ),
            report(22, 151, 159),
            chair_summary(22, "7.3"),
        ],
    },
    {
        "paragraph": "3",
        "number": 1,
        "state": "implemented",
        "title": {
            "en": "Impact, effectiveness and efficiency of technical assistance activities",
            "fr": "Incidence, efficacité et bon fonctionnement des activités d’assistance technique",
        },
        "implementation": {
            "en": "At the twenty-second session, the Secretariat presented document CDIP/22/10, “Assessment of "
            "WIPO’s existing tools and methodologies to measure the impact, effectiveness and efficiency of its "
            "technical assistance activities”. It explained that the Organization’s results-based management "
            "framework sets the criteria for assessing its activities, including technical assistance, and that "
            "the WIPO Performance Report is the main accountability tool towards member states. It also "
            "mentioned the evaluations of the Internal Oversight Division and of Development Agenda projects, "
            "with concrete examples of how tools, methodologies and indicator frameworks have evolved.",
            "fr": "À la vingt‑deuxième session du comité, le Secrétariat a présenté le document CDIP/22/10 "
            "intitulé “Évaluation des outils et méthodes en vigueur de l’OMPI pour mesurer l’incidence, "
            "l’efficacité et le bon fonctionnement de ses activités d’assistance technique”.  Ce document "
            "indiquait que le cadre de gestion axée sur les résultats de l’Organisation fixait les critères "
            "permettant d’évaluer les activités de l’OMPI, y compris en matière d’assistance technique, et que "
            "le Rapport sur la performance de l’OMPI représentait le principal outil de responsabilité envers les "
            "États membres.  Il mentionnait également les évaluations de la Division de la supervision interne et "
            "des projets du Plan d’action pour le développement, et donnait des exemples concrets de l’évolution "
            "des outils, méthodes et cadres d’indicateurs.",
        },
        "examination": {
            "en": "Delegations welcomed document CDIP/22/10 and noted the importance of technical assistance "
            "activities, the value of performance review tools and the evaluations carried out by the Internal "
            "Oversight Division (report, paragraphs 160 to 167).",
            "fr": "Les délégations ont accueilli favorablement le document CDIP/22/10 et ont pris note de "
            "l’importance des activités d’assistance technique, de l’intérêt de disposer d’outils d’examen des "
            "performances et des évaluations effectuées par la Division de la supervision interne (rapport, "
            "paragraphes 160 à 167).",
        },
        "decision_taken": {
            "en": "The committee took note of the information contained in the document.",
            "fr": "Le comité a pris note des informations contenues dans le document.",
        },
        "follow_up": {
            "en": "WIPO continues its concerted efforts to assess its tools and methodologies for measuring the "
            "impact, effectiveness and efficiency of technical assistance at different levels, so as to make "
            "improvements and close gaps where possible. It also keeps refining its performance indicator "
            "framework, drawing on lessons learned and evaluation recommendations, to strengthen the monitoring "
            "and evaluation of the longer-term results of its technical assistance.",
            "fr": "L’OMPI continue de déployer des efforts concertés afin d’évaluer ses outils et méthodes en "
            "vigueur pour mesurer l’incidence, l’efficacité et le bon fonctionnement des activités d’assistance "
            "technique à différents niveaux, en vue de mettre en place des améliorations, dans la mesure du "
            "possible, et de combler les lacunes.  L’OMPI continue également à perfectionner son cadre "
            "d’indicateurs d’exécution, en y intégrant les enseignements tirés et les recommandations issues des "
            "évaluations, afin de renforcer le suivi et l’évaluation des résultats à plus long terme de "
            "l’assistance technique fournie par l’OMPI.",
        },
        "documents": [
            implementation(
                "CDIP/22/10",
                "Assessment of WIPO’s existing tools and methodologies to measure the impact, effectiveness and "
                "efficiency of its technical assistance activities",
                "Évaluation des outils et méthodes en vigueur de l’OMPI pour mesurer l’incidence, l’efficacité et "
                "le bon fonctionnement de ses activités d’assistance technique",
            ),
            report(22, 160, 167),
            chair_summary(22, "7.2"),
        ],
    },
    {
        "paragraph": "3",
        "number": 2,
        "state": "implemented",
        "title": {"en": "Peer review procedure", "fr": "Procédure d’examen par des spécialistes"},
        "implementation": {
            "en": "At the nineteenth session, the Secretariat gave a presentation on the peer review procedure for "
            "studies commissioned by WIPO and used in technical assistance. It explained that the peer review "
            "procedures of the Division of Economics and Statistics were not always uniform, and described how "
            "reviewers are selected, their main tasks and remuneration, and its own role when authors and "
            "reviewers disagree.",
            "fr": "Lors de la dix‑neuvième session du comité, le Secrétariat a présenté un exposé sur la procédure "
            "d’examen par des spécialistes en ce qui concerne les études réalisées à la demande de l’OMPI qui "
            "sont utilisées en matière d’assistance technique.  Il a précisé que les procédures d’examen par des "
            "spécialistes de la Division de l’économie et des statistiques n’étaient pas toujours uniformes et a "
            "fait état de la procédure de sélection des examinateurs, de leurs principales tâches et de leur "
            "rémunération, ainsi que de son propre rôle en cas de désaccord entre les auteurs et les "
            "examinateurs.",
        },
        "examination": {
            "en": "Some delegations wondered how candid the reviewers’ comments were and asked whether the peer "
            "review procedure could apply to CDIP projects and other technical assistance activities. The "
            "Secretariat answered the delegations’ comments (report, paragraphs 365 to 368).",
            "fr": "Certaines délégations se sont demandé dans quelle mesure les observations des examinateurs "
            "étaient franches et ont souhaité savoir si cette procédure d’examen par des spécialistes pouvait "
            "s’appliquer à des projets relevant du CDIP et à d’autres activités d’assistance technique.  Le "
            "Secrétariat a répondu aux observations soulevées par les délégations (rapport, paragraphes 365 à "
            "368).",
        },
        "decision_taken": {
            "en": "The committee welcomed the presentation and appreciated the information provided by the "
            "Secretariat.",
            "fr": "Le comité a accueilli l’exposé avec satisfaction et s’est félicité des informations fournies "
            "par le Secrétariat.",
        },
        "follow_up": {
            "en": "The Secretariat continues to apply a balanced peer review procedure to studies commissioned by "
            "WIPO that are used for technical assistance.",
            "fr": "Le Secrétariat continue à appliquer une procédure équilibrée d’examen par des spécialistes aux "
            "études demandées par l’OMPI qui sont utilisées aux fins de l’assistance technique.",
        },
        "documents": [
            implementation(
                "CDIP/19",
                "Presentation by the Secretariat on the peer review procedure for studies commissioned by WIPO "
                "and used in technical assistance",
                "Exposé présenté par le Secrétariat sur la procédure d’examen par des spécialistes en ce qui "
                "concerne les études réalisées à la demande de l’OMPI utilisées en matière d’assistance technique",
            ),
            report(19, 365, 368),
            chair_summary(19, "7.2"),
        ],
    },
    {
        "paragraph": "4",
        "number": 1,
        "state": "implemented",
        "title": {
            "en": "Document on WIPO’s existing practices for selecting consultants for technical assistance",
            "fr": "Document contenant les pratiques existantes de l’OMPI concernant la sélection de consultants "
            "pour l’assistance technique",
        },
        "implementation": {
            "en": "At the twenty-first session, the Secretariat presented document CDIP/21/9, “WIPO practices for "
            "the selection of consultants for technical assistance”. It described WIPO’s general framework for "
            "engaging external consultants (Office Instruction No. 45/2013 on the WIPO Policy on Individual "
            "Contractual Services, the Financial Regulations and the Organization’s practice) and the general "
            "and specific selection practices: needs assessment, terms of reference, sourcing of candidates, "
            "selection procedure, peer review, monitoring and evaluation.",
            "fr": "À la vingt et unième session du comité, le Secrétariat a présenté le document CDIP/21/9 "
            "intitulé “Pratiques suivies par l’OMPI pour la sélection des consultants chargés de l’assistance "
            "technique”.  Ce document décrivait le cadre général régissant l’engagement des consultants externes "
            "(ordre de service n° 45/2013 intitulé “Politique de l’OMPI relative aux services contractuels de "
            "personnes”, Règlement financier et pratiques de l’Organisation) ainsi que les pratiques générales et "
            "particulières de sélection : évaluation des besoins; établissement du cahier des charges; sélection "
            "des candidats; procédure de sélection; évaluation par d’autres experts; suivi et évaluation.",
        },
        "examination": {
            "en": "Delegations noted that the principles governing WIPO’s recruitment of external consultants, as "
            "set out in document CDIP/21/9, were consistent with the Development Agenda recommendations, and "
            "encouraged the Secretariat to update the roster of consultants regularly. Some asked the Secretariat "
            "to clarify aspects of the selection procedure (report, paragraphs 87 to 97).",
            "fr": "Les délégations ont pris note de la conformité des principes régissant le recrutement des "
            "consultants externes par l’OMPI, tels qu’ils sont présentés dans le document CDIP/21/9, aux "
            "recommandations du Plan d’action pour le développement et ont encouragé le Secrétariat à mettre à "
            "jour régulièrement la liste des consultants.  Certaines délégations ont demandé au Secrétariat de "
            "clarifier certains aspects de la procédure de sélection des consultants (rapport, paragraphes 87 à "
            "97).",
        },
        "decision_taken": {
            "en": "The Secretariat took note of the comments made by member states and responded to the "
            "delegations’ comments.",
            "fr": "Le Secrétariat a pris note des observations faites par les États membres et a répondu aux "
            "observations faites par les délégations.",
        },
        "follow_up": {
            "en": "WIPO continues to recruit external consultants for technical assistance in line with the "
            "principles and practices set out in document CDIP/21/9.",
            "fr": "L’OMPI continue à recruter des consultants externes chargés de l’assistance technique "
            "conformément aux principes et pratiques énoncés dans le document CDIP/21/9.",
        },
        "documents": [
            implementation(
                "CDIP/21/9",
                "WIPO practices for the selection of consultants for technical assistance",
                "Pratiques suivies par l’OMPI pour la sélection des consultants chargés de l’assistance technique",
            ),
            report(21, 87, 97),
            chair_summary(21, "8.2"),
        ],
    },
    {
        "paragraph": "5",
        "number": 1,
        "state": "implemented",
        "title": {
            "en": "Regularly update and, where possible, improve the online roster of consultants for technical "
            "assistance experts and consultants",
            "fr": "Mettre à jour régulièrement et, si possible, améliorer la liste de consultants en ligne pour "
            "les experts et consultants en matière d’assistance technique",
        },
        "implementation": {
            "en": "At the twentieth session, the Secretariat presented document CDIP/20/6, “Report on the WIPO "
            "Roster of Consultants”, describing the roster, how it works and is used, and how it could be "
            "improved by its migration into the Enterprise Resource Planning (ERP) system. At the twenty-third "
            "session, the Secretariat gave a presentation on the roster after its integration into the ERP "
            "system, showing a trial version in English that would soon be available in French and Spanish.",
            "fr": "Lors de la vingtième session du comité, le Secrétariat a présenté le document CDIP/20/6 "
            "intitulé “Rapport sur la base de données relative à la liste des consultants de l’OMPI”, qui "
            "décrivait la liste, son fonctionnement et son utilisation, ainsi que les améliorations attendues de "
            "sa migration dans le système intégré de planification des ressources (ERP).  Lors de la "
            "vingt‑troisième session, le Secrétariat a présenté un exposé sur la liste des consultants intégrée "
            "dans le système ERP et une version d’essai en anglais, qui serait bientôt disponible en français et "
            "en espagnol.",
        },
        "examination": {
            "en": "Delegations supported the efforts to improve the roster and welcomed its future integration "
            "into WIPO’s ERP system; some made proposals to modernise it (report of the twentieth session, "
            "paragraphs 224 to 232). They then acknowledged the usefulness of the presentation and welcomed that "
            "the interface would soon be available in other languages (draft report of the twenty-third "
            "session, paragraphs 285 to 290).",
            "fr": "Les délégations ont appuyé les efforts visant à améliorer la liste des consultants et se sont "
            "félicitées de sa future intégration au sein du système ERP de l’OMPI; certaines ont formulé des "
            "propositions relatives à sa modernisation (rapport, paragraphes 224 à 232).  Elles ont ensuite pris "
            "acte de l’utilité de l’exposé et se sont réjouies du fait que l’interface serait bientôt disponible "
            "dans d’autres langues (rapport, paragraphes 285 à 290).",
        },
        "decision_taken": {
            "en": "The committee took note of the information in the document and decided that, once the roster "
            "was integrated into the ERP system, the Secretariat would give a presentation at a future session. "
            "At the twenty-third session, the committee took note of that presentation.",
            "fr": "Le comité a pris note des informations contenues dans le document et a décidé qu’une fois la "
            "liste intégrée dans le système ERP, le Secrétariat présenterait un exposé au cours d’une session "
            "ultérieure du CDIP.  À la vingt‑troisième session, le comité a pris note de l’exposé.",
        },
        "follow_up": {
            "en": "The Secretariat continues to update the roster of consultants regularly.",
            "fr": "Le Secrétariat continue à mettre régulièrement à jour la liste des consultants.",
        },
        "documents": [
            implementation(
                "CDIP/20/6",
                "Report on the WIPO Roster of Consultants",
                "Rapport sur la base de données relative à la liste des consultants de l’OMPI",
            ),
            implementation(
                "CDIP/23",
                "Presentation by the Secretariat of the roster of consultants",
                "Exposé du Secrétariat présentant la liste des consultants",
            ),
            report(20, 224, 232),
            report(23, 285, 290),
            chair_summary(20, "7.2"),
            chair_summary(23, "8.2"),
        ],
        "actions": [
            {
                "owner": "Secretariat",
                "description": {
                    "en": "Make the interface of the roster of consultants available in French and Spanish, as "
                    "announced at the twenty-third session.",
                    "fr": "Rendre l’interface de la liste des consultants disponible en français et en espagnol, "
                    "comme annoncé à la vingt‑troisième session.",
                },
            }
        ],
    },
    {
        "paragraph": "6",
        "number": 1,
        "state": "implemented",
        "title": {
            "en": "Consider possible improvements to the section of the WIPO website that communicates WIPO’s "
            "technical assistance activities, and report on them",
            "fr": "Réfléchir à des améliorations possibles de la section du site Web de l’OMPI consacrée à la "
            "communication des activités de l’OMPI en matière d’assistance technique, et en rendre compte",
        },
        "implementation": {
            "en": "At the nineteenth session, the Secretariat presented document CDIP/19/10, “Possible "
            "improvements to WIPO’s technical assistance web page”, which found the information scattered "
            "across the website and proposed a new section, “Technical assistance and capacity building”, "
            "gathering it in eight categories. At the twenty-first session, the Secretariat presented the new "
            "web page, divided into “Technical assistance to governments” and “Technical assistance to IP "
            "users”, which also offers a way to contact the technical assistance focal points.",
            "fr": "Lors de la dix‑neuvième session du CDIP, le Secrétariat a présenté le document CDIP/19/10 "
            "intitulé “Améliorations possibles de la page Web de l’OMPI relative à l’assistance technique”, qui "
            "constatait que les informations étaient éparpillées sur le site Web de l’OMPI et proposait une "
            "nouvelle section “Assistance technique et renforcement des capacités” les réunissant en huit "
            "catégories.  Au cours de la vingt et unième session, le Secrétariat a présenté la nouvelle page Web, "
            "divisée en deux catégories : “Assistance technique aux gouvernements” et “Assistance technique aux "
            "utilisateurs de la propriété intellectuelle”, qui offre notamment la possibilité de contacter les "
            "coordonnateurs de l’assistance technique.",
        },
        "examination": {
            "en": "Delegations took note of the proposal; some suggested improvements: a link to information on "
            "the flexibilities of the IP system, contact details of WIPO’s divisions, a database of lessons "
            "learned and good practices, information on the implementation of the Development Agenda and changes "
            "to the “All about IP” section (report of the nineteenth session, paragraphs 350 to 364; report of "
            "the twenty-first session, paragraphs 368 to 370).",
            "fr": "Les délégations ont pris note de la proposition du Secrétariat; certaines ont proposé des "
            "améliorations : un lien vers les éléments de flexibilité du système de propriété intellectuelle, "
            "les coordonnées des différentes divisions de l’OMPI, une base de données des enseignements tirés et "
            "des pratiques recommandées, des informations sur la mise en œuvre du Plan d’action pour le "
            "développement et des modifications de la section “Tout sur la P.I.” (rapport, paragraphes 350 à 364 "
            "et 368 à 370).",
        },
        "decision_taken": {
            "en": "The committee took note of the information in the document and requested the Secretariat to "
            "implement the proposed improvements, taking into account the delegations’ comments, and to report "
            "back. At the twenty-first session, the committee took note of the presentation.",
            "fr": "Le comité a pris note des informations contenues dans ce document.  Le Secrétariat a été prié "
            "de mettre en œuvre les améliorations proposées en tenant compte des observations formulées par les "
            "délégations, et d’en rendre compte au comité.  À la vingt et unième session, le comité a pris note "
            "de l’exposé.",
        },
        "follow_up": {
            "en": "The Secretariat continues to update the information on the technical assistance and capacity "
            "building web page.",
            "fr": "Le Secrétariat continue à mettre à jour les informations présentées sur la page Web dédiée à "
            "l’assistance technique et au renforcement des capacités.",
        },
        "documents": [
            implementation(
                "CDIP/19/10",
                "Possible improvements to WIPO’s technical assistance web page",
                "Améliorations possibles de la page Web de l’OMPI relative à l’assistance technique",
            ),
            implementation(
                "CDIP/21",
                "Presentation by the Secretariat of the new technical assistance web page",
                "Exposé du Secrétariat relatif à la nouvelle page Web consacrée à l’assistance technique",
            ),
            report(19, 350, 364),
            report(21, 368, 370),
            chair_summary(19, "7.1"),
            chair_summary(21, "8.4"),
        ],
    },
]
