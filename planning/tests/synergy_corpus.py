"""A hand-labelled set of proposals for measuring the synergy finder.

Each entry: (id, subject, language, text). Two proposals are "the same subject" exactly
when their subject labels are equal; the labels were set by reading the texts, not by
running the finder. Every proposal comes from a different group, so every pair counts.
"""

CORPUS = [
    # Geographical indications for farm products
    (
        "gi-en",
        "gi",
        "en",
        "Geographical indications for agricultural products: protecting coffee, tea and cheese "
        "names of origin so that farmers earn more.",
    ),
    (
        "gi-fr",
        "gi",
        "fr",
        "Les indications géographiques au service des produits agricoles : protéger les appellations "
        "d'origine et mieux rémunérer les producteurs.",
    ),
    (
        "gi-es",
        "gi",
        "es",
        "Indicaciones geográficas y denominaciones de origen para productos agrícolas de las comunidades rurales.",
    ),
    ("gi-ar", "gi", "ar", "المؤشرات الجغرافية للمنتجات الزراعية وحماية تسميات المنشأ لصالح المزارعين."),
    # Patent information and search databases
    (
        "pat-en",
        "patinfo",
        "en",
        "Searching patent information: free patent databases, prior art search and reading a search report.",
    ),
    ("pat-ru", "patinfo", "ru", "Патентный поиск и базы данных патентной информации: как найти уровень техники."),
    ("pat-zh", "patinfo", "zh", "专利信息检索：免费专利数据库与现有技术检索方法。"),
    (
        "pat-fr",
        "patinfo",
        "fr",
        "Recherche dans les bases de données de brevets et rapport de recherche sur l'état de la technique.",
    ),
    # Collective management of music rights
    (
        "cmo-es",
        "cmo",
        "es",
        "Gestión colectiva del derecho de autor en la música: cómo las sociedades de gestión "
        "reparten las regalías a los artistas.",
    ),
    (
        "cmo-fr",
        "cmo",
        "fr",
        "La gestion collective du droit d'auteur dans la musique : sociétés de gestion et "
        "répartition des redevances aux artistes.",
    ),
    (
        "cmo-en",
        "cmo",
        "en",
        "Collective management organisations for music: collecting societies, royalties and transparency for artists.",
    ),
    ("cmo-ar", "cmo", "ar", "الإدارة الجماعية لحق المؤلف في مجال الموسيقى وتوزيع الإتاوات على الفنانين."),
    # Women inventors and gender
    (
        "gen-en",
        "gender",
        "en",
        "Women inventors and the gender gap in patenting: mentoring programmes for female researchers.",
    ),
    ("gen-es", "gender", "es", "Mujeres inventoras y la brecha de género: programas de apoyo para investigadoras."),
    ("gen-fr", "gender", "fr", "Les femmes inventrices et l'écart entre les genres : accompagner les chercheuses."),
    # Artificial intelligence and IP
    (
        "ai-en",
        "ai",
        "en",
        "Artificial intelligence and intellectual property: who owns what machine learning systems create?",
    ),
    ("ai-zh", "ai", "zh", "人工智能与知识产权：机器学习生成内容的权利归属。"),
    (
        "ai-ru",
        "ai",
        "ru",
        "Искусственный интеллект и интеллектуальная собственность: права на результаты машинного обучения.",
    ),
    (
        "ai-fr",
        "ai",
        "fr",
        "L'intelligence artificielle et la propriété intellectuelle : à qui appartiennent les créations de l'IA ?",
    ),
    # Trademarks and branding for small businesses
    (
        "sme-fr",
        "sme",
        "fr",
        "Les marques pour les PME : construire et protéger l'image de marque d'une petite entreprise.",
    ),
    ("sme-es", "sme", "es", "Marcas para pymes: cómo registrar y proteger la marca de una pequeña empresa."),
    ("sme-ar", "sme", "ar", "العلامات التجارية للمؤسسات الصغيرة والمتوسطة وكيفية حمايتها."),
    ("sme-en", "sme", "en", "Trademarks for SMEs: building and registering a brand for a small business."),
    # Technology transfer from universities
    (
        "tt-en",
        "tt",
        "en",
        "Technology transfer from universities: licensing inventions of research institutions to industry.",
    ),
    (
        "tt-es",
        "tt",
        "es",
        "Transferencia de tecnología desde las universidades: licencias de invenciones a la industria.",
    ),
    ("tt-ru", "tt", "ru", "Трансфер технологий из университетов: лицензирование изобретений научных институтов."),
    # Traditional knowledge and genetic resources
    (
        "tk-fr",
        "tk",
        "fr",
        "Savoirs traditionnels et ressources génétiques : protéger les connaissances des peuples autochtones.",
    ),
    (
        "tk-en",
        "tk",
        "en",
        "Traditional knowledge and genetic resources: defensive protection for indigenous communities.",
    ),
    ("tk-es", "tk", "es", "Conocimientos tradicionales y recursos genéticos de los pueblos indígenas."),
    ("tk-ar", "tk", "ar", "المعارف التقليدية والموارد الوراثية وحماية حقوق الشعوب الأصلية."),
    # Enforcement against counterfeiting at the border
    (
        "enf-en",
        "enforcement",
        "en",
        "Fighting counterfeiting: customs border measures and enforcement of intellectual property rights.",
    ),
    ("enf-fr", "enforcement", "fr", "Lutte contre la contrefaçon : mesures à la frontière et rôle des douanes."),
    ("enf-ru", "enforcement", "ru", "Борьба с контрафактом: таможенные меры на границе."),
    # Harder cases: a subject shared through a neighbouring one, or named in other words.
    ("pat-es", "patinfo", "es", "Cómo buscar documentos de patentes en PATENTSCOPE y otras bases de datos gratuitas."),
    ("gen-ar", "gender", "ar", "دعم المرأة المخترعة وسد الفجوة بين الجنسين في البراءات."),
    ("ai-es", "ai", "es", "La inteligencia artificial generativa y el derecho de autor: obras creadas por máquinas."),
    ("tt-zh", "tt", "zh", "高校技术转移与专利许可：科研机构的发明如何走向产业。"),
    ("enf-es", "enforcement", "es", "Observancia de los derechos: piratería en línea y falsificación de productos."),
    ("cmo-ru", "cmo", "ru", "Коллективное управление авторскими правами в музыке и распределение роялти."),
]
