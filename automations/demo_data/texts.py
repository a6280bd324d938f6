"""Word lists for titles: books, topics, exhibitions, groups (fictional, in Lithuanian)."""

from __future__ import annotations

BOOKS = (
    "Ilgas ruduo", "Vėjo namai", "Tylos sodas", "Paskutinė vasara", "Aukštaitijos vieškeliai", "Laiškai iš Zaosės",
    "Nematomi miestai", "Šviesa virš Nevėžio", "Obelų žydėjimas", "Sniego pėdos", "Senelio laikrodis",
    "Tarp dviejų krantų", "Vasara su močiute", "Pilkas dangus virš Biržų", "Ką pasakoja medžiai", "Baltoji pelėda",
    "Namai prie ežero", "Užmirštos raidės", "Rugsėjo vaikai", "Mėlyna vilnonė skara", "Karalienės sodas",
    "Keleivis be bilieto", "Žiemos pasakos", "Debesų piemuo", "Trys vasaros", "Geltonas tramvajus",
    "Nakties traukinys", "Ąžuolų giraitė", "Žodžiai vėjui", "Tėvo dienoraštis", "Po liepomis", "Ledo gėlės",
    "Šimtas laiptų", "Paukščių kalba", "Tylusis gatvės galas", "Dėdės Juozo kelionės", "Rudens sonata",
    "Mažasis švyturys", "Pelėdų naktis", "Vilkų takas", "Drugelio sparnai", "Kaimynų istorijos",
    "Raudonas dviratis", "Prie Lėvens", "Molio ąsotis", "Šeimos albumas", "Pavasario upė", "Antras gyvenimas",
    "Kelionė į Kamajus", "Sena fotografija", "Lietaus muzika", "Skrydis virš Rokiškio", "Skaitanti katė",
)
TOPICS = (
    "Dirbtinis intelektas kasdienybėje", "Kaip atpažinti melagienas", "Skaitmeninis saugumas senjorams",
    "Sveika mityba ir knygos", "Genealogija: kaip ieškoti savo šaknų", "Panevėžio istorijos puslapiai",
    "Juozas Urbšys – diplomatas ir vertėjas", "Lietuvos diplomatijos istorija", "Išmanusis telefonas be baimės",
    "Finansinis raštingumas šeimai", "Emocinė sveikata ir skaitymas", "Knygų terapija", "Vaikų kalbos raida",
    "Autorių teisės internete", "Tvarus gyvenimas: mažiau atliekų", "Lietuvos Respublikos Konstitucija",
    "Vietos bendruomenių istorija", "Kaip rašyti atsiminimus", "Sodininkystės paslaptys",
    "Kalbos kultūros aktualijos", "Elektroninės knygos ir garsinės knygos", "Atviri duomenys ir valstybės paslaugos",
    "Aukštaičių tarmės", "Kino istorija Panevėžyje", "Gabrielė Petkevičaitė-Bitė ir jos laikas",
    "Fotografija telefonu", "Pirmoji pagalba", "Saugus elgesys kibernetinėje erdvėje",
)
CONFERENCES = (
    "Bibliotekos ateities bendruomenėje", "Regiono bibliotekos: pokyčiai ir iššūkiai", "Skaitymo skatinimo patirtys",
    "Kraštotyra skaitmeniniame amžiuje", "Juozo Urbšio skaitymai",
)
EDUCATION = (
    "Knygų detektyvai", "Spalvotos pasakos", "Mažieji robotikai", "Kaip gimsta knyga", "Lego istorijos",
    "Kalėdinių atvirukų dirbtuvės", "Velykinių margučių raštai", "Kūrybiškas rašymas", "Komiksų dirbtuvės",
    "Pasakų kraitė", "Eksperimentų laboratorija", "Užgavėnių kaukės", "Animacijos studija", "Mano pirmoji knyga",
    "Skaitome su šunimis", "Žaidžiame stalo žaidimus", "Programavimo pradžiamokslis", "Popieriaus menas",
)
CONCERTS = (
    "Panevėžio muzikos mokyklos moksleivių koncertas", "Kamerinės muzikos vakaras", "Džiazo vakaras bibliotekoje",
    "Adventinis koncertas", "Lietuvių liaudies dainos", "Vasaros serenados", "Romansų vakaras",
    "Akordeono muzikos popietė", "Gitarų muzikos vakaras", "Kalėdinis koncertas",
)
FILMS = (
    "Lietuviško kino klasika", "Dokumentinis filmas apie Zaosę", "Trumpametražiai filmai jaunimui",
    "Animacinių filmų rytas", "Kino klubo vakaras", "Dokumentika apie Aukštaitiją",
)
QUIZZES = ("Knygų žinovai", "Ką žinai apie Panevėžį?", "Literatūrinis protmūšis", "Kalėdinis protmūšis",
           "Istorijos protmūšis", "Kino protmūšis")
ACTIONS = (
    "Nacionalinė bibliotekų savaitė", "Knygų Kalėdos", "Skaitymo iššūkis", "Knygų mainų diena",
    "Kovo 11-osios skaitymai", "Tylos minutė prie knygos", "Metų knygos rinkimai", "Vasaros skaitymo maratonas",
    "Knygų dovanojimo diena", "Lietuvių kalbos dienos",
)
OTHER = (
    "Šeimų popietė", "Kūrybinės dirbtuvės suaugusiems", "Stalo žaidimų vakaras", "Senjorų klubo susitikimas",
    "Kalbų kavinė", "Mezgimo klubas", "Skaitytojų klubo susitikimas", "Jaunimo diskusija",
)
EXHIBITION_NAMES = (
    "Aukštaitijos spalvos", "Nevėžio krantai", "Vasaros šviesa", "Tarp tradicijos ir šiuolaikiškumo",
    "Miesto ritmai", "Linų kelias", "Laiko pėdsakai", "Mano kraštas", "Gimtinės peizažai", "Medžio kalba",
    "Senieji Panevėžio atvirukai", "Knyga – draugas", "Tylūs kiemai", "Rudens natiurmortai", "Veidai ir likimai",
    "Žiemos tyla", "Paukščių takais", "Akvarelės šviesa", "Keramikos formos", "Lietuvos piliakalniai",
    "Rankų šiluma", "Kaimo sodybos", "Knygnešių keliais", "Šviesos ir šešėliai", "Zaosės vasaros",
    "Piešiniai iš kelionių", "Vaikystės pasakos", "Grafikos lakštai", "Stiklo atspindžiai", "Jūros ilgesys",
)
EXHIBITION_KIND = {
    "spaudinių": "Spaudinių paroda", "dailės": "Tapybos darbų paroda", "fotografijos": "Fotografijų paroda",
    "virtuali": "Virtuali paroda", "kraštotyros": "Kraštotyros paroda",
}
KINDERGARTENS = ("„Žilvitis“", "„Pasaka“", "„Varpelis“", "„Nykštukas“", "„Rūta“", "„Gandrelis“", "„Aušrinė“")
PARTNERS = (
    "Panevėžio kraštotyros muziejus", "Lietuvos rašytojų sąjunga", "Panevėžio kolegija",
    "Juozo Miltinio dramos teatras",
    "Panevėžio muzikinis teatras", "Trečiojo amžiaus universitetas", "Panevėžio dailės galerija",
    "Panevėžio miesto savivaldybė", "Lietuvos nacionalinė Martyno Mažvydo biblioteka",
)
DELEGATIONS = (
    ("Daugpilio centrinės bibliotekos delegacija", "LV", "latvių"),
    ("Rēzeknės bibliotekininkai", "LV", "latvių"),
    ("Lomžos viešosios bibliotekos delegacija", "PL", "lenkų"),
    ("Suvalkų bibliotekos darbuotojai", "PL", "lenkų"),
    ("Bibliotekininkai iš Gelzenkircheno", "DE", "vokiečių"),
    ("Černihivo regioninės bibliotekos delegacija", "UA", "ukrainiečių"),
    ("Kuopijo miesto bibliotekos atstovai", "FI", "anglų"),
    ("Tartu viešosios bibliotekos delegacija", "EE", "anglų"),
    ("Erasmus+ partneriai iš Ispanijos", "ES", "anglų"),
    ("Sakartvelo nacionalinės bibliotekos atstovai", "GE", "anglų"),
)
