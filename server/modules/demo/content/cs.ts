import type { LanguageContent } from './types.ts';

/**
 * Czech. Past tenses agree with the speaker (objednal / objednala), so
 * customer and agent lines carry gender alternatives; greetings avoid the
 * vocative by not naming the customer, as Czech business mail often does.
 */
export const cs: LanguageContent = {
  locale: 'cs',
  scenarios: {
    late_delivery: {
      subject: 'Objednávka {order} stále nedorazila',
      lines: [
        { by: 'customer', text: 'Dobrý den,\n\npřed dvěma týdny jsem si objednal{c:|a} pohovku (objednávka {order}) a sledování zásilky pořád ukazuje „na cestě“. Doručení bylo slíbeno na minulý pátek. Můžete mi prosím napsat, co se děje?\n\nDěkuji\n{fullname}' },
        { by: 'note', text: 'Dopravce potvrdil, že zásilka uvízla v třídicím centru kvůli poškozenému štítku. Vyžádáno přednostní doručení.' },
        { by: 'agent', status: 'pending', text: 'Dobrý den,\n\nomlouváme se za zdržení. Dopravce našel Vaši pohovku ve svém třídicím centru – měla poškozený štítek, a proto zůstala ležet. Doručení je nyní naplánováno na čtvrtek mezi 9:00 a 12:00. Vyhovuje Vám tento termín?\n\nS pozdravem\n{agent}' },
        { by: 'customer', text: 'Čtvrtek dopoledne je v pořádku, někdo bude doma. Děkuji.' },
        { by: 'agent', status: 'solved', text: 'Výborně, doručení ve čtvrtek dopoledne je potvrzené. Řidič Vám zavolá asi 30 minut předem. Kdybyste cokoli potřeboval{c:|a}, dejte nám vědět.\n\nS pozdravem\n{agent}' },
      ],
    },
    refund_request: {
      subject: 'Vrácení peněz za kávovar',
      lines: [
        { by: 'customer', text: 'Dobrý den,\n\nkávovar z objednávky {order} jsem vrátil{c:|a} a před 10 dny mi přišlo potvrzení, že dorazil do skladu. Peníze na kartě ale pořád nevidím. Kdy je dostanu?' },
        { by: 'note', text: 'Vratka přijata a zkontrolována, bez závad. Refundace se nespustila automaticky – vratka nebyla spárovaná s platbou. Vráceno ručně.' },
        { by: 'agent', status: 'solved', text: 'Dobrý den,\n\nděkujeme za trpělivost. Vrácený kávovar jsme převzali v pořádku, ale vrácení peněz se automaticky nespustilo – to je naše chyba. Právě jsem {a:odeslal|odeslala} celou částku zpět na Vaši kartu. Banky ji obvykle připíšou do 3–5 pracovních dnů.\n\nS pozdravem\n{agent}' },
        { by: 'customer', text: 'Děkuji, v internetovém bankovnictví už platbu vidím jako čekající.' },
        { by: 'agent', status: 'solved', text: 'To jsem {a:rád|ráda}. Ještě jednou se omlouváme za komplikace.\n\n{agent}' },
      ],
    },
    wrong_size: {
      subject: 'Dodána matrace ve špatném rozměru',
      lines: [
        { by: 'customer', text: 'Dobrý den,\n\nobjednal{c:|a} jsem matraci 160 × 200 cm, ale dnes přivezli 140 × 200 cm. Do postele se nevejde. Prosím o výměnu.' },
        { by: 'agent', status: 'pending', text: 'Dobrý den,\n\nomlouváme se za záměnu. Mohl{c:|a} byste mi prosím poslat fotku štítku na boku matrace? Jakmile ji budu mít, domluvím výměnu – řidič přiveze správný rozměr a špatnou matraci odveze, vše zdarma.\n\nS pozdravem\n{agent}' },
        { by: 'customer', text: 'Posílám fotku štítku, je na něm 140 × 200.' },
        { by: 'note', text: 'Sklad vychystal špatný kód (MT-140 místo MT-160). Výměna objednána, bez poplatku.' },
        { by: 'agent', status: 'solved', text: 'Děkuji za fotku. Výměna je domluvená na sobotu dopoledne. Řidič matrace vymění přímo u Vás, tu špatnou nemusíte znovu balit. Ještě jednou se omlouváme.\n\nS pozdravem\n{agent}' },
      ],
    },
    billing_question: {
      subject: 'Platba stržena dvakrát',
      lines: [
        { by: 'customer', text: 'Dobrý den,\n\nna výpisu z karty vidím dvě platby za objednávku {order}, obě ve stejné výši. Objednával{c:|a} jsem ale jen jednou. Prosím o kontrolu a vrácení duplicitní platby.' },
        { by: 'note', text: 'Platební brána: jedna skutečná platba a jedna autorizační blokace z neúspěšného prvního pokusu. Blokace se uvolní sama, refundace není potřeba.' },
        { by: 'agent', status: 'pending', text: 'Dobrý den,\n\n{a:ověřil|ověřila} jsem to u platební brány: stržena byla jen jedna platba. Druhá položka je dočasná blokace z prvního, neúspěšného pokusu o platbu a banka ji automaticky uvolní do 7 dnů. Pokud ji tam uvidíte i po týdnu, ozvěte se mi prosím a vyřeším to s bankou.\n\nS pozdravem\n{agent}' },
      ],
    },
    password_reset: {
      subject: 'Nemohu se přihlásit k účtu',
      lines: [
        { by: 'customer', text: 'Nemůžu se přihlásit ke svému účtu. E-mail pro obnovení hesla mi vůbec nechodí, zkoušel{c:|a} jsem to třikrát.' },
        { by: 'agent', status: 'pending', text: 'Dobrý den,\n\ne-maily pro obnovení hesla vracel spamový filtr Vašeho poskytovatele. Na naší straně jsem blokaci {a:zrušil|zrušila} a právě jsem Vám {a:poslal|poslala} nový odkaz, který platí jednu hodinu. Zkontrolujte prosím schránku (i složku se spamem) a dejte mi vědět, jestli to funguje.\n\nS pozdravem\n{agent}' },
        { by: 'customer', text: 'Už to funguje, jsem {c:přihlášený|přihlášená}. Díky!' },
        { by: 'agent', status: 'solved', text: 'To {a:rád|ráda} slyším! Přeji hezký den.\n\n{agent}' },
      ],
    },
    product_defect: {
      subject: 'Čistička vzduchu hlasitě hrčí',
      lines: [
        { by: 'customer', text: 'Dobrý den,\n\nčistička vzduchu, kterou jsem koupil{c:|a} minulý měsíc (objednávka {order}), začala na nejvyšší stupeň hlasitě hrčet. Na nižších stupních je tichá. Je to normální?' },
        { by: 'agent', status: 'pending', text: 'Dobrý den,\n\nto normální není. Zkuste prosím nejdřív čističku odpojit ze zásuvky, vyndat filtr a zkontrolovat, jestli se neuvolnila fólie z filtru nebo něco nepřekáží v mřížce ventilátoru. Pokud zvuk nezmizí, pošlete mi krátké video a zařídím výměnu.\n\nS pozdravem\n{agent}' },
        { by: 'customer', text: 'Zkontroloval{c:|a} jsem to, filtr je v pořádku a nic tam není. Pořád to hrčí. Video jsem poslal{c:|a}.' },
        { by: 'note', text: 'Na videu je opotřebované ložisko ventilátoru – známá vada šarže 2403. Výměna v rámci záruky schválena.' },
        { by: 'agent', status: 'solved', text: 'Děkuji za video. Jde o vadné ložisko ventilátoru, takže čističku vyměníme. V úterý kurýr přiveze novou a starou odveze. Filtr si prosím nechte, do nového kusu pasuje.\n\nS pozdravem\n{agent}' },
      ],
    },
    installation_visit: {
      subject: 'Termín instalace klimatizace',
      lines: [
        { by: 'customer', text: 'Dobrý den,\n\nvčera mi dorazila klimatizace (objednávka {order}). Kdy může přijet technik s instalací? Ve všední dny jsem doma po 16. hodině a v sobotu celý den.' },
        { by: 'agent', status: 'pending', text: 'Dobrý den,\n\nnejbližší volný termín je sobota 9:00–12:00. Instalace trvá zhruba 3 hodiny. Prosím zajistěte, aby byla zásuvka nejvýš 1,5 m od vnitřní jednotky. Mám termín zarezervovat?\n\nS pozdravem\n{agent}' },
        { by: 'customer', text: 'Ano, prosím zarezervujte sobotu dopoledne.' },
        { by: 'note', text: 'Rezervován tým techniků B, sobota 9–12. Potřeba 4 m potrubí navíc.' },
        { by: 'agent', status: 'solved', text: 'Rezervováno! Technik Vám v sobotu ráno zavolá, než vyrazí. Potrubí navíc je součástí instalačního balíčku, nic dalšího platit nebudete.\n\nS pozdravem\n{agent}' },
      ],
    },
    warranty_claim: {
      subject: 'Pračka nevypouští vodu – reklamace',
      lines: [
        { by: 'customer', text: 'Dobrý den,\n\npračka přestala vypouštět vodu. Voda zůstává v bubnu a na displeji svítí chyba E21. Pračce je 14 měsíců, takže by měla být ještě v dvouleté záruce, že?' },
        { by: 'agent', status: 'pending', text: 'Dobrý den,\n\nchyba E21 obvykle znamená ucpaný filtr vypouštěcího čerpadla. Najdete ho za malými dvířky vpředu dole. Zkuste ho prosím vyčistit – předtím dejte na zem ručník, vyteče trochu vody. Pokud chyba nezmizí, pošleme k Vám technika v rámci záruky.\n\nS pozdravem\n{agent}' },
        { by: 'customer', text: 'Filtr jsem vyčistil{c:|a}, byla v něm mince. Pračka zase funguje!' },
        { by: 'agent', status: 'solved', text: 'Skvělá zpráva! Mince je klasický viník. Kdybyste cokoli potřeboval{c:|a}, jsme tu pro Vás.\n\nS pozdravem\n{agent}' },
      ],
    },
    address_change: {
      subject: 'Změna doručovací adresy',
      lines: [
        { by: 'customer', text: 'Dobrý den,\n\nprávě jsem odeslal{c:|a} objednávku {order}, ale zadal{c:|a} jsem starou adresu. Můžete prosím změnit doručení na adresu mé kanceláře?' },
        { by: 'agent', status: 'pending', text: 'Dobrý den,\n\nžádný problém, objednávka ještě neopustila sklad. Pošlete mi prosím celou novou adresu a telefon, na který může řidič zavolat.\n\nS pozdravem\n{agent}' },
        { by: 'customer', text: 'Nová adresa: Na Florenci 12, 110 00 Praha 1, 3. patro. Telefon je stejný jako v objednávce.' },
        { by: 'agent', status: 'solved', text: 'Hotovo – doručovací adresu jsem {a:změnil|změnila} a řidič zavolá na stejné číslo. Během pár minut Vám přijde nové potvrzení e-mailem.\n\nS pozdravem\n{agent}' },
      ],
    },
    product_question: {
      subject: 'Dotaz na jídelní stůl Oslo',
      lines: [
        { by: 'customer', text: 'Dobrý den, vyrábíte jídelní stůl Oslo i v délce 180 cm? A stihli byste ho doručit do konce měsíce?' },
        { by: 'agent', status: 'solved', text: 'Dobrý den,\n\nano, stůl Oslo je v délce 160 i 180 cm, v dubovém i ořechovém provedení. Dubová verze 180 cm je skladem, takže doručení do 5 pracovních dnů je možné. Objednat ho můžete v e-shopu, nebo mi odpovězte a objednávku Vám založím.\n\nS pozdravem\n{agent}' },
      ],
    },
    invoice_request: {
      subject: 'Faktura na firmu (IČO a DIČ)',
      lines: [
        { by: 'customer', text: 'Dobrý den,\n\nmohli byste prosím vystavit fakturu k objednávce {order} na naši firmu? V příloze posílám název, adresu, IČO a DIČ.' },
        { by: 'note', text: 'IČO ověřeno v ARES. Původní doklad stornován, vystavena nová faktura na firmu.' },
        { by: 'agent', status: 'solved', text: 'Dobrý den,\n\nv příloze posílám novou fakturu na Vaši firmu, původní doklad jsme stornovali. Kdyby účtárna potřebovala ještě něco, dejte mi prosím vědět.\n\nS pozdravem\n{agent}' },
      ],
    },
  },
  customers: [
    ['Jan Novák', 'Jan', 'jan.novak', 'm'],
    ['Eva Svobodová', 'Eva', 'eva.svobodova', 'f'],
    ['Petr Dvořák', 'Petr', 'petr.dvorak', 'm'],
    ['Lucie Nováková', 'Lucie', 'lucie.novakova', 'f'],
    ['Tomáš Černý', 'Tomáš', 'tomas.cerny', 'm'],
    ['Kateřina Malá', 'Kateřina', 'katerina.mala', 'f'],
    ['Martin Procházka', 'Martin', 'martin.prochazka', 'm'],
    ['Tereza Procházková', 'Tereza', 'tereza.prochazkova', 'f'],
    ['Jakub Kučera', 'Jakub', 'jakub.kucera', 'm'],
    ['Markéta Kučerová', 'Markéta', 'marketa.kucerova', 'f'],
    ['Lukáš Veselý', 'Lukáš', 'lukas.vesely', 'm'],
    ['Veronika Veselá', 'Veronika', 'veronika.vesela', 'f'],
    ['Ondřej Horák', 'Ondřej', 'ondrej.horak', 'm'],
    ['Barbora Horáková', 'Barbora', 'barbora.horakova', 'f'],
    ['Jiří Němec', 'Jiří', 'jiri.nemec', 'm'],
    ['Zuzana Němcová', 'Zuzana', 'zuzana.nemcova', 'f'],
    ['Pavel Marek', 'Pavel', 'pavel.marek', 'm'],
    ['Alena Pospíšilová', 'Alena', 'alena.pospisilova', 'f'],
    ['Michal Pokorný', 'Michal', 'michal.pokorny', 'm'],
    ['Hana Jelínková', 'Hana', 'hana.jelinkova', 'f'],
    ['David Král', 'David', 'david.kral', 'm'],
    ['Klára Růžičková', 'Klára', 'klara.ruzickova', 'f'],
  ],
};
