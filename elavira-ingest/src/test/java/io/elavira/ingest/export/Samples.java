package io.elavira.ingest.export;

/** Fictional documents for the export tests, in French and in English. */
final class Samples {
  private Samples() {}

  static final String FR_SENDER =
      "Camille Moreau\n14 rue des Tanneurs\n69002 Lyon\n06 12 34 56 78\ncamille.moreau@example.fr";
  static final String FR_RECIPIENT =
      "Madame Hélène Garnier\nResponsable du recrutement\nCoopérative Œuvres & Lumière\n"
          + "8 quai Saint-Antoine\n69002 Lyon";
  static final String FR_DATE = "Lyon, le 30 novembre 2026";
  static final String FR_SUBJECT =
      "Objet : Candidature au poste d’ingénieure données (réf. DATA-2026-14)";
  static final String FR_SIGNATURE = "Camille Moreau";
  static final String FR_BODY =
      """
      Madame,

      Votre annonce « Ingénieure données » a retenu toute mon attention : l’idée de mettre \
      les données au cœur des décisions de la coopérative correspond à ce que je fais depuis \
      cinq ans.

      Chez **Transports Perrin**, j’ai notamment :

      - conçu la chaîne d’ingestion des relevés de *plus de 300 camions* ;
      - réduit de 40 % le délai de production des tableaux de bord ;
      - formé l’équipe à la qualité des données.

      Je serais ravie de vous présenter mon parcours lors d’un entretien.

      Je vous prie d’agréer, Madame, l’expression de mes salutations distinguées.
      """;

  static final String EN_SENDER =
      "Jordan Ellis\n27 Harbour Street\nBristol BS1 4QA\njordan.ellis@example.org";
  static final String EN_RECIPIENT =
      "Ms Priya Natarajan\nHead of Engineering\nNorthwind Analytics Ltd\n5 Mill Lane\nLeeds LS1 2AB";
  static final String EN_DATE = "30 November 2026";
  static final String EN_SUBJECT = "Application for the Senior Data Engineer role (ref. SDE-118)";
  static final String EN_SIGNATURE = "Jordan Ellis";
  static final String EN_BODY =
      """
      Dear Ms Natarajan,

      I was delighted to read your advert for a “Senior Data Engineer”: it’s the role I’ve \
      been working towards, and Northwind’s café‑chain clients are a sector I know well.

      At **Fenwick Logistics** I:

      - built the ingestion pipeline for *over 300 lorries*;
      - cut dashboard latency by 40%;
      - mentored three junior engineers.

      I would welcome the chance to discuss the role with you.

      Yours sincerely,
      """;

  static final String FR_CV =
      """
      # Camille Moreau

      Ingénieure données, Lyon — « rigoureuse et curieuse ».

      ## Expérience

      ### Transports Perrin (2021–2026)

      1. Chaîne d’ingestion en **Java** et *SQL*
      2. Tableaux de bord pour l’équipe d’exploitation

      ## Compétences

      - **Java**, Python
      - Qualité des données, œuvre collective
        - nested: modélisation

      > Référence disponible sur demande.

      | Langue | Niveau |
      | --- | --- |
      | Français | natif |
      | Anglais | courant |
      """;

  static final String EN_CV =
      """
      # Jordan Ellis

      Data engineer, Bristol — “thorough and curious”.

      ## Experience

      ### Fenwick Logistics (2020–2026)

      1. Ingestion pipeline in **Java** and *SQL*
      2. Dashboards for the operations team

      ## Skills

      - **Java**, Python
      - Data quality, team’s coaching
        - nested: modelling

      > References available on request.

      | Language | Level |
      | --- | --- |
      | English | native |
      | French | fluent |
      """;

  static ExportDocument letter(DocumentLanguage language) {
    boolean fr = language == DocumentLanguage.FR;
    return ExportDocument.builder()
        .title(fr ? "Lettre de motivation — Camille Moreau" : "Cover letter — Jordan Ellis")
        .language(language)
        .letter(
            fr
                ? new LetterLayout(FR_SENDER, FR_RECIPIENT, FR_DATE, FR_SUBJECT, FR_SIGNATURE)
                : new LetterLayout(EN_SENDER, EN_RECIPIENT, EN_DATE, EN_SUBJECT, EN_SIGNATURE))
        .body(fr ? FR_BODY : EN_BODY)
        .build();
  }

  static ExportDocument cv(DocumentLanguage language) {
    boolean fr = language == DocumentLanguage.FR;
    return ExportDocument.builder()
        .title(fr ? "CV — Camille Moreau" : "CV — Jordan Ellis")
        .language(language)
        .body(fr ? FR_CV : EN_CV)
        .build();
  }
}
