<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>No model file found at {path}. {how}</source>
        <comment>Worker</comment>
        <translation>Aucun fichier de modèle trouvé à l&apos;emplacement {path}. {how}</translation>
    </message>
    <message>
        <source>The model file {name} could not be loaded ({error}).</source>
        <comment>Worker</comment>
        <translation>Le fichier de modèle {name} n&apos;a pas pu être chargé ({error}).</translation>
    </message>
    <message>
        <source>No model is loaded, so a site profile cannot be applied.</source>
        <comment>Worker</comment>
        <translation>Aucun modèle n&apos;est chargé&#xa0;; un profil de site ne peut donc pas être appliqué.</translation>
    </message>
    <message>
        <source>The site profile {path} could not be used ({error}).</source>
        <comment>Worker</comment>
        <translation>Le profil de site {path} n&apos;a pas pu être utilisé ({error}).</translation>
    </message>
    <message>
        <source>The files could not be listed ({reason}).</source>
        <comment>Worker</comment>
        <translation>Impossible de lister les fichiers ({reason}).</translation>
    </message>
    <message>
        <source>The file could not be opened ({reason}).</source>
        <comment>Worker</comment>
        <translation>Le fichier n&apos;a pas pu être ouvert ({reason}).</translation>
    </message>
    <message>
        <source>This film could not be read ({error}).</source>
        <comment>Worker</comment>
        <translation>Ce cliché n&apos;a pas pu être lu ({error}).</translation>
    </message>
</context>
<context>
    <name>AdaptDialog</name>
    <message>
        <source>Adapt to our films</source>
        <translation>Adapter à nos clichés</translation>
    </message>
    <message>
        <source>Adapt</source>
        <translation>Adapter</translation>
    </message>
    <message>
        <source>Adapting stopped: {error}</source>
        <translation>L&apos;adaptation s&apos;est arrêtée&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Fit the model&apos;s last step to films of your own whose diagnosis you know: at least 40 films, with 10 or more of each class to adapt. The figures shown are cross-validated: each film is scored by a fit made without it. Nothing changes until you save the profile and choose to use it.</source>
        <translation>Ajustez la dernière étape du modèle sur vos propres clichés dont le diagnostic est connu&#xa0;: au moins 40 clichés, dont 10 ou plus de chaque classe à adapter. Les chiffres affichés sont obtenus par validation croisée&#xa0;: chaque cliché est évalué par un ajustement fait sans lui. Rien ne change tant que vous n&apos;avez pas enregistré le profil et choisi de l&apos;utiliser.</translation>
    </message>
    <message>
        <source>e.g. St Mary&apos;s Hospital, X-ray room 2</source>
        <translation>p. ex. Hôpital Sainte-Marie, salle de radiographie 2</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>Nom du site</translation>
    </message>
    <message>
        <source>Site name:</source>
        <translation>Nom du site&#xa0;:</translation>
    </message>
    <message>
        <source>The site profile {name} in use now is not the starting point: adapting always starts from the model&apos;s own class head.</source>
        <translation>Le profil de site {name} utilisé actuellement n&apos;est pas le point de départ&#xa0;: l&apos;adaptation part toujours de la couche de classification d&apos;origine du modèle.</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Remarque&#xa0;:</translation>
    </message>
    <message>
        <source>Save profile and use it…</source>
        <translation>Enregistrer le profil et l&apos;utiliser…</translation>
    </message>
    <message>
        <source>Type the site&apos;s name first: the profile and every result made with it carry it.</source>
        <translation>Saisissez d&apos;abord le nom du site&#xa0;: il figurera sur le profil et sur chaque résultat obtenu avec lui.</translation>
    </message>
    <message>
        <source>Adapting does not pay on these films, so there is no profile to save: keep using the model as it is.</source>
        <translation>L&apos;adaptation n&apos;apporte rien sur ces clichés, il n&apos;y a donc aucun profil à enregistrer&#xa0;: continuez à utiliser le modèle tel quel.</translation>
    </message>
    <message>
        <source>Before and after, {folds}-fold cross-validated on your films (95 % intervals)</source>
        <translation>Avant et après, en validation croisée à {folds} plis sur vos clichés (intervalles de confiance à 95 %)</translation>
    </message>
    <message>
        <source>Right calls over all classes: {before} before, {after} after.</source>
        <translation>Conclusions justes, toutes classes confondues&#xa0;: {before} avant, {after} après.</translation>
    </message>
    <message>
        <source>{name} films found: {before} before, {after} after</source>
        <translation>clichés {name} détectés&#xa0;: {before} avant, {after} après</translation>
    </message>
    <message>
        <source>Warning: after adapting, fewer {names} films are found on your films ({figures}, cross-validated). Save this profile only if that is acceptable for your clinic.</source>
        <translation>Attention&#xa0;: après adaptation, moins de clichés {names} sont détectés parmi vos clichés ({figures}, en validation croisée). N&apos;enregistrez ce profil que si c&apos;est acceptable pour votre établissement.</translation>
    </message>
    <message>
        <source>I accept lower sensitivity for {names} on our films</source>
        <translation>J&apos;accepte une sensibilité plus faible pour {names} sur nos clichés</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Films</source>
        <translation>Clichés</translation>
    </message>
    <message>
        <source>Adapted</source>
        <translation>Adaptée</translation>
    </message>
    <message>
        <source>Sensitivity before</source>
        <translation>Sensibilité avant</translation>
    </message>
    <message>
        <source>Sensitivity after</source>
        <translation>Sensibilité après</translation>
    </message>
    <message>
        <source>Specificity before</source>
        <translation>Spécificité avant</translation>
    </message>
    <message>
        <source>Specificity after</source>
        <translation>Spécificité après</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no, kept</source>
        <translation>non, conservée</translation>
    </message>
    <message>
        <source>Save the site profile</source>
        <translation>Enregistrer le profil de site</translation>
    </message>
    <message>
        <source>Site profiles (*.json)</source>
        <translation>Profils de site (*.json)</translation>
    </message>
    <message>
        <source>The profile was NOT saved: {reason}. Nothing was changed.</source>
        <translation>Le profil n&apos;a PAS été enregistré&#xa0;: {reason}. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Saved {path}. Load it from the Tools menu to use it.</source>
        <translation>Enregistré&#xa0;: {path}. Chargez-le depuis le menu Outils pour l&apos;utiliser.</translation>
    </message>
</context>
<context>
    <name>BatchHandling</name>
    <message>
        <source>The model is still loading.</source>
        <translation>Le modèle est encore en cours de chargement.</translation>
    </message>
    <message>
        <source>Looking for images…</source>
        <translation>Recherche des images…</translation>
    </message>
    <message>
        <source>Open chest X-rays</source>
        <translation>Ouvrir des radiographies thoraciques</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open a folder of chest X-rays</source>
        <translation>Ouvrir un dossier de radiographies thoraciques</translation>
    </message>
    <message>
        <source>{path} is not a file on this computer (names are not stored while patient data is hidden): open the film from its folder.</source>
        <translation>{path} n&apos;est pas un fichier de cet ordinateur (les noms ne sont pas conservés tant que les données patient sont masquées)&#xa0;: ouvrez le cliché depuis son dossier.</translation>
    </message>
    <message>
        <source>Nothing to open: drop image files or folders from this computer.</source>
        <translation>Rien à ouvrir&#xa0;: déposez des fichiers image ou des dossiers de cet ordinateur.</translation>
    </message>
    <message>
        <source>{done} read, {rejected} rejected, {errors} could not be read.</source>
        <translation>Lus&#xa0;: {done}, refusés&#xa0;: {rejected}, illisibles&#xa0;: {errors}.</translation>
    </message>
    <message>
        <source>Cancelled; {n} films not read. </source>
        <translation>Annulé&#xa0;; clichés non lus&#xa0;: {n}. </translation>
    </message>
</context>
<context>
    <name>BatchProgress</name>
    <message>
        <source>Batch progress</source>
        <translation>Progression du lot</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v sur %m</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the batch</source>
        <translation>Annuler le lot</translation>
    </message>
    <message>
        <source>Stop after the film being read now</source>
        <translation>Arrêter après le cliché en cours de lecture</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check the model on our films</source>
        <translation>Vérifier le modèle sur nos clichés</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>The check stopped: {error}</source>
        <translation>La vérification s&apos;est arrêtée&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Before relying on the model, see how it does on films of your own whose diagnosis you know. Give a folder with one folder per label (normal, pneumonia, covid19) or a CSV list with columns path,label. Nothing is changed: the films are only read.</source>
        <translation>Avant de vous fier au modèle, voyez comment il se comporte sur vos propres clichés dont le diagnostic est connu. Indiquez un dossier contenant un dossier par étiquette (normal, pneumonia, covid19) ou une liste CSV avec les colonnes path,label. Rien n&apos;est modifié&#xa0;: les clichés sont seulement lus.</translation>
    </message>
    <message>
        <source>The films are read with the site profile {name} in use, as the app reads every film now.</source>
        <translation>Les clichés sont lus avec le profil de site {name} en service, comme l&apos;application lit actuellement chaque cliché.</translation>
    </message>
    <message>
        <source>Site profile:</source>
        <translation>Profil de site&#xa0;:</translation>
    </message>
    <message>
        <source>Save report (PDF)…</source>
        <translation>Enregistrer le rapport (PDF)…</translation>
    </message>
    <message>
        <source>Save per-film table (CSV)…</source>
        <translation>Enregistrer le tableau par cliché (CSV)…</translation>
    </message>
    <message>
        <source>Per class, on the films scored (95 % intervals), beside the model card&apos;s test split</source>
        <translation>Par classe, sur les clichés évalués (intervalles de confiance à 95 %), à côté du jeu de test de la fiche du modèle</translation>
    </message>
    <message>
        <source>Accuracy {accuracy} (model card {card}); calibration error (ECE, 0 is perfect) {ece} (model card {card_ece}).</source>
        <translation>Exactitude {accuracy} (fiche du modèle&#xa0;: {card})&#xa0;; erreur de calibration (ECE, 0 = parfait) {ece} (fiche du modèle&#xa0;: {card_ece}).</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: the label, columns: the model&apos;s call)</source>
        <translation>Matrice de confusion (lignes&#xa0;: l&apos;étiquette, colonnes&#xa0;: la conclusion du modèle)</translation>
    </message>
    <message>
        <source>Model {version} · {films} labelled films from {source}: {scored} scored, {refused} refused, {errors} could not be read.</source>
        <translation>Modèle {version} · {films} clichés étiquetés de {source}&#xa0;: {scored} évalués, {refused} refusés, {errors} illisibles.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Films</source>
        <translation>Clichés</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Sensibilité</translation>
    </message>
    <message>
        <source>card</source>
        <translation>fiche</translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation>Spécificité</translation>
    </message>
    <message>
        <source>PPV</source>
        <translation>VPP</translation>
    </message>
    <message>
        <source>NPV</source>
        <translation>VPN</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>Sensitivity: films of the class called that class. Specificity: films of other classes not called it. PPV and NPV: how often a call of it, or not of it, is right.</source>
        <translation>Sensibilité&#xa0;: part des clichés de la classe classés dans cette classe. Spécificité&#xa0;: part des clichés des autres classes non classés dans celle-ci. VPP et VPN&#xa0;: à quelle fréquence une conclusion en faveur de cette classe, ou contre elle, est juste.</translation>
    </message>
    <message>
        <source>{label} films</source>
        <translation>Clichés {label}</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>called {name}</source>
        <translation>classés {name}</translation>
    </message>
    <message>
        <source>Reliability: the share of right calls per confidence (bars) against perfect calibration (dashed line).</source>
        <translation>Fiabilité&#xa0;: part des conclusions justes selon la confiance (barres), comparée à une calibration parfaite (ligne en pointillés).</translation>
    </message>
    <message>
        <source>OOD scores of the films read; above the red line (threshold {threshold}) a film is refused as not a frontal chest X-ray.</source>
        <translation>Scores hors distribution (OOD) des clichés lus&#xa0;; au-dessus de la ligne rouge (seuil {threshold}), un cliché est refusé comme n&apos;étant pas une radiographie thoracique de face.</translation>
    </message>
    <message>
        <source>Save the check as a PDF</source>
        <translation>Enregistrer la vérification en PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save the per-film table</source>
        <translation>Enregistrer le tableau par cliché</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>{name} was NOT saved: {reason}. Any earlier file of that name was left as it was.</source>
        <translation>{name} n&apos;a PAS été enregistré&#xa0;: {reason}. Tout fichier antérieur de ce nom a été laissé tel quel.</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Enregistré&#xa0;: {path}.</translation>
    </message>
</context>
<context>
    <name>Disclaimer</name>
    <message>
        <source>An aid for triage, not a diagnosis. A clinician must review every film.</source>
        <translation>Une aide au triage, pas un diagnostic. Un clinicien doit examiner chaque cliché.</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop zone for chest X-ray files and folders</source>
        <translation>Zone de dépôt des fichiers et dossiers de radiographies thoraciques</translation>
    </message>
    <message>
        <source>Open files…</source>
        <translation>Ouvrir des fichiers…</translation>
    </message>
    <message>
        <source>Open files</source>
        <translation>Ouvrir des fichiers</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Ouvrir un dossier…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir un dossier</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>Chargement du modèle…</translation>
    </message>
    <message>
        <source>Drop chest X-ray files or folders here
PNG · JPEG · TIFF · BMP · DICOM</source>
        <translation>Déposez ici des fichiers ou dossiers de radiographies thoraciques
PNG · JPEG · TIFF · BMP · DICOM</translation>
    </message>
</context>
<context>
    <name>Film</name>
    <message>
        <source>file name hidden</source>
        <translation>nom de fichier masqué</translation>
    </message>
</context>
<context>
    <name>FilmDisplay</name>
    <message>
        <source>Select a film in the worklist.</source>
        <translation>Sélectionnez un cliché dans la liste de travail.</translation>
    </message>
    <message>
        <source>Waiting to be read…</source>
        <translation>En attente de lecture…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>Not read (cancelled).</source>
        <translation>Non lu (annulé).</translation>
    </message>
    <message>
        <source>Loading image…</source>
        <translation>Chargement de l&apos;image…</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Findings</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>What the model leans to</source>
        <translation>Ce vers quoi penche le modèle</translation>
    </message>
    <message>
        <source>Heatmap warning</source>
        <translation>Avertissement sur la carte de chaleur</translation>
    </message>
    <message>
        <source>Heatmap explains another class</source>
        <translation>La carte de chaleur explique une autre classe</translation>
    </message>
    <message>
        <source>Site profile and the model&apos;s own probabilities</source>
        <translation>Profil de site et probabilités d&apos;origine du modèle</translation>
    </message>
    <message>
        <source>Image details</source>
        <translation>Détails de l&apos;image</translation>
    </message>
    <message>
        <source>Probabilities (calibrated)</source>
        <translation>Probabilités (calibrées)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Carte de chaleur</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>No film selected</source>
        <translation>Aucun cliché sélectionné</translation>
    </message>
    <message>
        <source>Select a film in the worklist to see its result.</source>
        <translation>Sélectionnez un cliché dans la liste de travail pour voir son résultat.</translation>
    </message>
    <message>
        <source>Waiting to be read…</source>
        <translation>En attente de lecture…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>Not read (cancelled).</source>
        <translation>Non lu (annulé).</translation>
    </message>
    <message>
        <source>This film could not be read.</source>
        <translation>Ce cliché n&apos;a pas pu être lu.</translation>
    </message>
    <message>
        <source>The model only reads frontal chest X-rays. A clinician must read this film without it.</source>
        <translation>Le modèle ne lit que les radiographies thoraciques de face. Un clinicien doit lire ce cliché sans lui.</translation>
    </message>
    <message>
        <source>Read earlier by this model version with the site profile {site} ({when}); not run again.</source>
        <translation>Déjà lu par cette version du modèle avec le profil de site {site} ({when})&#xa0;; non relu.</translation>
    </message>
    <message>
        <source>Read earlier by this model version ({when}); not run again.</source>
        <translation>Déjà lu par cette version du modèle ({when})&#xa0;; non relu.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>hidden (Settings ▸ Hide patient data)</source>
        <translation>masqué (Paramètres ▸ Masquer les données patient)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Site profile</source>
        <translation>Profil de site</translation>
    </message>
</context>
<context>
    <name>HeatmapLegend</name>
    <message>
        <source>Heatmap colour legend</source>
        <translation>Légende des couleurs de la carte de chaleur</translation>
    </message>
    <message>
        <source>Where the model looked most when it chose its answer. It is not an outline of disease. Low attention is not coloured.</source>
        <translation>Là où le modèle a le plus regardé pour choisir sa réponse. Ce n&apos;est pas le contour d&apos;une maladie. Une attention faible n&apos;est pas colorée.</translation>
    </message>
    <message>
        <source>Heatmap for {label}:</source>
        <translation>Carte de chaleur pour {label}&#xa0;:</translation>
    </message>
    <message>
        <source>Heatmap:</source>
        <translation>Carte de chaleur&#xa0;:</translation>
    </message>
    <message>
        <source>low</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>high attention</source>
        <translation>attention forte</translation>
    </message>
</context>
<context>
    <name>HistoryExporting</name>
    <message>
        <source>Export history</source>
        <translation>Exporter l&apos;historique</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The history could not be exported to {path}: {reason}. The previous file, if any, is unchanged.</source>
        <translation>L&apos;historique n&apos;a pas pu être exporté vers {path}&#xa0;: {reason}. Le fichier précédent, s&apos;il existe, est inchangé.</translation>
    </message>
    <message>
        <source>1 result exported to {path}</source>
        <translation>1 résultat exporté vers {path}</translation>
    </message>
    <message>
        <source>{count} results matching the History search and filters exported to {path}</source>
        <translation>{count} résultats correspondant à la recherche et aux filtres de l&apos;Historique exportés vers {path}</translation>
    </message>
    <message>
        <source>{count} results exported to {path}</source>
        <translation>{count} résultats exportés vers {path}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Top p</source>
        <translation>p max.</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Not a frontal chest X-ray</source>
        <translation>Pas une radiographie thoracique de face</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Search file, result, model or site…</source>
        <translation>Rechercher un fichier, un résultat, un modèle ou un site…</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>Rechercher dans l&apos;historique</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrer par état</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminés</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusés</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Filter by result</source>
        <translation>Filtrer par résultat</translation>
    </message>
    <message>
        <source>Any result</source>
        <translation>Tout résultat</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export history as CSV</source>
        <translation>Exporter l&apos;historique en CSV</translation>
    </message>
    <message>
        <source>History of results</source>
        <translation>Historique des résultats</translation>
    </message>
    <message>
        <source>{shown} of {total} results</source>
        <translation>{shown} résultats sur {total}</translation>
    </message>
    <message>
        <source>{total} results</source>
        <translation>{total} résultats</translation>
    </message>
    <message>
        <source>the history could not be read ({error})</source>
        <translation>l&apos;historique n&apos;a pas pu être lu ({error})</translation>
    </message>
    <message>
        <source>permission was denied</source>
        <translation>l&apos;autorisation a été refusée</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>le quota de disque est épuisé</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>le disque est plein</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>le disque est en lecture seule</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>le dossier n&apos;existe pas</translation>
    </message>
    <message>
        <source>that name is a folder</source>
        <translation>ce nom est celui d&apos;un dossier</translation>
    </message>
</context>
<context>
    <name>HistoryProblem</name>
    <message>
        <source>the disk holding {folder} is full. Free some disk space; saving starts again by itself.</source>
        <translation>le disque contenant {folder} est plein. Libérez de l&apos;espace disque&#xa0;; l&apos;enregistrement reprendra de lui-même.</translation>
    </message>
    <message>
        <source>the history file {path} is damaged. Quit CXR Triage, move that file aside (rename it) and start CXR Triage again: it starts a new, empty history.</source>
        <translation>le fichier d&apos;historique {path} est endommagé. Quittez CXR Triage, mettez ce fichier de côté (renommez-le) et relancez CXR Triage&#xa0;: il commencera un nouvel historique, vide.</translation>
    </message>
    <message>
        <source>the history file {path} is in use by another program. Close that program; saving starts again by itself.</source>
        <translation>le fichier d&apos;historique {path} est utilisé par un autre programme. Fermez ce programme&#xa0;; l&apos;enregistrement reprendra de lui-même.</translation>
    </message>
    <message>
        <source>the folder {folder} cannot be written. Check the permissions of that folder (and that its disk is not read-only or full).</source>
        <translation>impossible d&apos;écrire dans le dossier {folder}. Vérifiez les autorisations de ce dossier (et que son disque n&apos;est ni en lecture seule ni plein).</translation>
    </message>
    <message>
        <source>the history file {path} could not be written ({detail}). Check that folder&apos;s permissions and free disk space.</source>
        <translation>le fichier d&apos;historique {path} n&apos;a pas pu être écrit ({detail}). Vérifiez les autorisations de ce dossier et l&apos;espace disque libre.</translation>
    </message>
    <message>
        <source>Results are shown but NOT saved to the history: {reason}</source>
        <translation>Les résultats sont affichés mais NE sont PAS enregistrés dans l&apos;historique&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>The history cannot be shown: {reason}</source>
        <translation>L&apos;historique ne peut pas être affiché&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>History problem</source>
        <translation>Problème d&apos;historique</translation>
    </message>
    <message>
        <source>Results not saved</source>
        <translation>Résultats non enregistrés</translation>
    </message>
</context>
<context>
    <name>ImageDetails</name>
    <message>
        <source>Modality</source>
        <translation>Modalité</translation>
    </message>
    <message>
        <source>Body part</source>
        <translation>Région anatomique</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Incidence</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Date de l&apos;examen</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Fabricant</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nom du patient</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID du patient</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
</context>
<context>
    <name>LabelledJob</name>
    <message>
        <source>Loading the model…</source>
        <translation>Chargement du modèle…</translation>
    </message>
    <message>
        <source>Listing the labelled films…</source>
        <translation>Recherche des clichés étiquetés…</translation>
    </message>
    <message>
        <source>Adapting: {done} of {total} cross-validation fits</source>
        <translation>Adaptation&#xa0;: {done} ajustements de validation croisée sur {total}</translation>
    </message>
    <message>
        <source>{done} of {total} films read</source>
        <translation>{done} clichés lus sur {total}</translation>
    </message>
    <message>
        <source>There are no labelled films to use in {source}: put each film in a folder named after its label (normal, pneumonia, covid19), or list them in a CSV with columns path,label.</source>
        <translation>Aucun cliché étiqueté utilisable dans {source}&#xa0;: placez chaque cliché dans un dossier portant le nom de son étiquette (normal, pneumonia, covid19), ou listez-les dans un CSV avec les colonnes path,label.</translation>
    </message>
</context>
<context>
    <name>LabelledJobDialog</name>
    <message>
        <source>A folder of label folders, or a CSV list</source>
        <translation>Un dossier contenant un dossier par étiquette, ou une liste CSV</translation>
    </message>
    <message>
        <source>Labelled films</source>
        <translation>Clichés étiquetés</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <source>CSV list…</source>
        <translation>Liste CSV…</translation>
    </message>
    <message>
        <source>Labelled films:</source>
        <translation>Clichés étiquetés&#xa0;:</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop after the film being read now; nothing is kept</source>
        <translation>Arrêter après le cliché en cours de lecture&#xa0;; rien n&apos;est conservé</translation>
    </message>
    <message>
        <source>Films not used</source>
        <translation>Clichés non utilisés</translation>
    </message>
    <message>
        <source>Choose the labelled films first.</source>
        <translation>Choisissez d&apos;abord les clichés étiquetés.</translation>
    </message>
    <message>
        <source>Folder of labelled films (one folder per label)</source>
        <translation>Dossier de clichés étiquetés (un dossier par étiquette)</translation>
    </message>
    <message>
        <source>List of labelled films</source>
        <translation>Liste de clichés étiquetés</translation>
    </message>
    <message>
        <source>CSV lists (*.csv *.txt);;All files (*)</source>
        <translation>Listes CSV (*.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <source>Stopping after the film being read now…</source>
        <translation>Arrêt après le cliché en cours de lecture…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was kept; press the button again to start over.</source>
        <translation>Arrêté. Rien n&apos;a été conservé&#xa0;; appuyez de nouveau sur le bouton pour recommencer.</translation>
    </message>
    <message>
        <source>Films or lines not used ({count}):</source>
        <translation>Clichés ou lignes non utilisés ({count})&#xa0;:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CXR Triage</source>
        <translation>CXR Triage</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>Chargement du modèle…</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Disclaimer</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>No image files found in what was opened (PNG, JPEG, TIFF, BMP or DICOM).</source>
        <translation>Aucun fichier image trouvé dans ce qui a été ouvert (PNG, JPEG, TIFF, BMP ou DICOM).</translation>
    </message>
    <message>
        <source>Model {version}</source>
        <translation>Modèle {version}</translation>
    </message>
    <message>
        <source>Ready. Drop chest X-rays or press Ctrl+O.</source>
        <translation>Prêt. Déposez des radiographies thoraciques ou appuyez sur Ctrl+O.</translation>
    </message>
    <message numerus="yes">
        <source>Ready. %n film(s) from the last session listed. Drop chest X-rays or press Ctrl+O.</source>
        <translation>
            <numerusform>Prêt. %n cliché de la dernière session est listé. Déposez des radiographies thoraciques ou appuyez sur Ctrl+O.</numerusform>
            <numerusform>Prêt. %n clichés de la dernière session sont listés. Déposez des radiographies thoraciques ou appuyez sur Ctrl+O.</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop chest X-ray files or folders here, or press Ctrl+O.</source>
        <translation>Déposez ici des fichiers ou dossiers de radiographies thoraciques, ou appuyez sur Ctrl+O.</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Aucun modèle</translation>
    </message>
    <message>
        <source>Model refused</source>
        <translation>Modèle refusé</translation>
    </message>
    <message>
        <source>About CXR Triage</source>
        <translation>À propos de CXR Triage</translation>
    </message>
    <message>
        <source>CXR Triage — offline chest X-ray triage.

</source>
        <translation>CXR Triage — triage hors ligne des radiographies thoraciques.

</translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>Films</source>
        <translation>Clichés</translation>
    </message>
    <message>
        <source>Right calls (accuracy)</source>
        <translation>Conclusions justes (exactitude)</translation>
    </message>
    <message>
        <source>Macro-F1 (balance over the classes)</source>
        <translation>Macro-F1 (équilibre entre les classes)</translation>
    </message>
    <message>
        <source>COVID-19 films found (sensitivity)</source>
        <translation>Clichés COVID-19 détectés (sensibilité)</translation>
    </message>
    <message>
        <source>COVID-19 calls that were right (PPV)</source>
        <translation>Conclusions COVID-19 justes (VPP)</translation>
    </message>
    <message>
        <source>Healthy adults called normal</source>
        <translation>Adultes sains classés normaux</translation>
    </message>
    <message>
        <source>Healthy adult films</source>
        <translation>Clichés d&apos;adultes sains</translation>
    </message>
    <message>
        <source>Normal films called normal</source>
        <translation>Clichés normaux classés normaux</translation>
    </message>
    <message>
        <source>Sick films called sick</source>
        <translation>Clichés pathologiques classés pathologiques</translation>
    </message>
    <message>
        <source>Calibration error (ECE)</source>
        <translation>Erreur de calibration (ECE)</translation>
    </message>
    <message>
        <source>Calibration error before calibration</source>
        <translation>Erreur de calibration avant calibration</translation>
    </message>
    <message>
        <source>Log-loss</source>
        <translation>Log-loss</translation>
    </message>
    <message>
        <source>Log-loss before calibration</source>
        <translation>Log-loss avant calibration</translation>
    </message>
    <message>
        <source>Errors made at over 90 % confidence</source>
        <translation>Erreurs commises avec une confiance supérieure à 90 %</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Calibration temperature</source>
        <translation>Température de calibration</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>Pneumonia films found</source>
        <translation>Clichés de pneumonie détectés</translation>
    </message>
    <message>
        <source>Mean error against radiologists</source>
        <translation>Erreur moyenne par rapport aux radiologues</translation>
    </message>
    <message>
        <source>Correlation with radiologists (r)</source>
        <translation>Corrélation avec les radiologues (r)</translation>
    </message>
    <message>
        <source>Films with a radiologist&apos;s score</source>
        <translation>Clichés avec un score de radiologue</translation>
    </message>
    <message>
        <source>Mean estimate on normal films</source>
        <translation>Estimation moyenne sur les clichés normaux</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <source>Normal films called normal when 97 % of pneumonia is found</source>
        <translation>Clichés normaux classés normaux quand 97 % des pneumonies sont détectées</translation>
    </message>
    <message>
        <source>Pneumonia threshold for 97 % found</source>
        <translation>Seuil de pneumonie pour en détecter 97 %</translation>
    </message>
    <message>
        <source>Test chest X-rays accepted</source>
        <translation>Radiographies thoraciques de test acceptées</translation>
    </message>
    <message>
        <source>Children&apos;s films (Kermany official test set)</source>
        <translation>Clichés d&apos;enfants (jeu de test officiel de Kermany)</translation>
    </message>
    <message>
        <source>Refusal of non-chest pictures</source>
        <translation>Refus des images qui ne sont pas des thorax</translation>
    </message>
    <message>
        <source>Severity estimate</source>
        <translation>Estimation de la gravité</translation>
    </message>
    <message>
        <source>Heatmap weight on the film&apos;s border</source>
        <translation>Poids de la carte de chaleur sur le bord du cliché</translation>
    </message>
    <message>
        <source>Hospitals the model never saw (held out)</source>
        <translation>Hôpitaux jamais vus par le modèle (tenus à l&apos;écart)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Number of {what}</source>
        <translation>Nombre de {what}</translation>
    </message>
    <message>
        <source>This model looks at one frontal chest X-ray and says whether it shows no sign of pneumonia, a pneumonia pattern, or a COVID-19 pneumonia pattern. It shows where it looked (the heatmap), estimates how much of the lungs is involved, and refuses pictures that are not frontal chest X-rays.</source>
        <translation>Ce modèle examine une radiographie thoracique de face et indique si elle ne montre aucun signe de pneumonie, un aspect de pneumonie ou un aspect de pneumonie COVID-19. Il montre où il a regardé (la carte de chaleur), estime quelle part des poumons est atteinte et refuse les images qui ne sont pas des radiographies thoraciques de face.</translation>
    </message>
    <message>
        <source>In short</source>
        <translation>En bref</translation>
    </message>
    <message>
        <source>How often it is right</source>
        <translation>À quelle fréquence il a raison</translation>
    </message>
    <message>
        <source>On {n} test films it had never seen during training, from the same hospitals as its training films, it was right {acc} of the time.</source>
        <translation>Sur {n} clichés de test qu&apos;il n&apos;avait jamais vus pendant l&apos;entraînement, issus des mêmes hôpitaux que ses clichés d&apos;entraînement, il a eu raison dans {acc} des cas.</translation>
    </message>
    <message>
        <source>{label}: {recall}</source>
        <translation>{label}&#xa0;: {recall}</translation>
    </message>
    <message>
        <source>Share of each kind of film it called right: {list}.</source>
        <translation>Part de chaque type de cliché classée correctement&#xa0;: {list}.</translation>
    </message>
    <message>
        <source>On hospitals it has never seen it does much worse: in the model card&apos;s leave-one-source-out tests it found fewer than half of an unseen hospital&apos;s COVID-19 films, and called most healthy adults from an unseen hospital something other than normal.</source>
        <translation>Sur des hôpitaux qu&apos;il n&apos;a jamais vus, il fait bien pire&#xa0;: dans les tests de la fiche du modèle qui tiennent une source à l&apos;écart à tour de rôle, il a trouvé moins de la moitié des clichés COVID-19 d&apos;un hôpital inconnu et a classé la plupart des adultes sains d&apos;un hôpital inconnu autrement que normaux.</translation>
    </message>
    <message>
        <source>It knows three answers only; “no sign of pneumonia” does not mean a healthy chest.</source>
        <translation>Il ne connaît que trois réponses&#xa0;; «&#xa0;aucun signe de pneumonie&#xa0;» ne signifie pas un thorax sain.</translation>
    </message>
    <message>
        <source>Trained on public frontal chest X-ray collections; lateral views, CT and other body parts are outside what it knows, and it refuses films it detects as such.</source>
        <translation>Entraîné sur des collections publiques de radiographies thoraciques de face&#xa0;; les incidences de profil, le scanner (TDM) et les autres régions du corps sont hors de ce qu&apos;il connaît, et il refuse les images qu&apos;il reconnaît comme telles.</translation>
    </message>
    <message>
        <source>Its probabilities are calibrated on the validation split; on X-ray machines and populations unlike the training data they can be far off.</source>
        <translation>Ses probabilités sont calibrées sur le jeu de validation&#xa0;; sur des appareils de radiographie et des populations différents des données d&apos;entraînement, elles peuvent être très éloignées de la réalité.</translation>
    </message>
    <message>
        <source>The heatmap shows where the model looked, not the outline of disease. When it lies mostly outside the lungs, the app says so: treat that call with caution.</source>
        <translation>La carte de chaleur montre où le modèle a regardé, pas le contour de la maladie. Quand elle se trouve surtout hors des poumons, l&apos;application le signale&#xa0;: traitez alors cette conclusion avec prudence.</translation>
    </message>
    <message>
        <source>Severity was learnt from radiologists&apos; scores of COVID-19 films only; it is a rough estimate of the share of the lung fields involved, not a measurement, and is shown only with a pneumonia-type call.</source>
        <translation>La gravité a été apprise uniquement à partir des scores attribués par des radiologues à des clichés COVID-19&#xa0;; c&apos;est une estimation grossière de la part des champs pulmonaires atteinte, pas une mesure, et elle n&apos;est affichée qu&apos;avec une conclusion de type pneumonie.</translation>
    </message>
    <message>
        <source>Known limits</source>
        <translation>Limites connues</translation>
    </message>
    <message>
        <source>{label} called from {p}</source>
        <translation>{label} retenu à partir de {p}</translation>
    </message>
    <message>
        <source>none: the most probable class is called</source>
        <translation>aucun&#xa0;: la classe la plus probable est retenue</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architecture</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>Taille d&apos;entrée</translation>
    </message>
    <message>
        <source>Refusal threshold (out-of-distribution score)</source>
        <translation>Seuil de refus (score hors distribution)</translation>
    </message>
    <message>
        <source>Operating points</source>
        <translation>Points de fonctionnement</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Training data (manifest SHA-256)</source>
        <translation>Données d&apos;entraînement (SHA-256 du manifeste)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>Jeu de test</translation>
    </message>
    <message>
        <source>This model file carries no metrics.</source>
        <translation>Ce fichier de modèle ne contient aucune métrique.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Films of it called right</source>
        <translation>Clichés de cette classe bien classés</translation>
    </message>
    <message>
        <source>Its calls that were right</source>
        <translation>Attributions à cette classe justes</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Par classe</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Justes</translation>
    </message>
    <message>
        <source>Normal called normal</source>
        <translation>Normaux classés normaux</translation>
    </message>
    <message>
        <source>Sick called sick</source>
        <translation>Pathologiques classés pathologiques</translation>
    </message>
    <message>
        <source>Per source (hospital collection)</source>
        <translation>Par source (collection hospitalière)</translation>
    </message>
    <message>
        <source>About the model</source>
        <translation>À propos du modèle</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>Aucun modèle n&apos;est chargé.</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Détails techniques</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Propriété</translation>
    </message>
    <message>
        <source>The full model card</source>
        <translation>La fiche complète du modèle</translation>
    </message>
</context>
<context>
    <name>ModelCardDialog</name>
    <message>
        <source>About the model</source>
        <translation>À propos du modèle</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Fiche du modèle</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Class probabilities</source>
        <translation>Probabilités par classe</translation>
    </message>
    <message>
        <source>Probability of {name}</source>
        <translation>Probabilité de {name}</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Co&amp;uper</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Tout sélectionner</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Co&amp;uper</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copier l&apos;adresse du &amp;lien</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Tout sélectionner</translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <source>Quit CXR Triage</source>
        <translation>Quitter CXR Triage</translation>
    </message>
    <message>
        <source>Films are still being read.</source>
        <translation>Des clichés sont encore en cours de lecture.</translation>
    </message>
    <message>
        <source>If you quit now, the films not read yet are not read and leave the worklist. The films already read come back at the next start.</source>
        <translation>Si vous quittez maintenant, les clichés pas encore lus ne seront pas lus et quitteront la liste de travail. Les clichés déjà lus reviendront au prochain démarrage.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Keep reading</source>
        <translation>Continuer la lecture</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>hidden (privacy setting)</source>
        <translation>masqué (paramètre de confidentialité)</translation>
    </message>
    <message>
        <source>Model version</source>
        <translation>Version du modèle</translation>
    </message>
    <message>
        <source>Site profile</source>
        <translation>Profil de site</translation>
    </message>
    <message>
        <source>Read on</source>
        <translation>Lu le</translation>
    </message>
    <message>
        <source>CXR Triage report</source>
        <translation>Rapport CXR Triage</translation>
    </message>
    <message>
        <source>the PDF could not be started in {folder}</source>
        <translation>le PDF n&apos;a pas pu être créé dans {folder}</translation>
    </message>
    <message>
        <source>CXR Triage — chest X-ray triage report</source>
        <translation>CXR Triage — rapport de triage de radiographie thoracique</translation>
    </message>
    <message>
        <source>Printed {date}</source>
        <translation>Imprimé le {date}</translation>
    </message>
    <message>
        <source>The image could not be read.</source>
        <translation>L&apos;image n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>Cliché</translation>
    </message>
    <message>
        <source>Heatmap for {label}: where the model looked (uncoloured = low attention)</source>
        <translation>Carte de chaleur pour {label}&#xa0;: où le modèle a regardé (non coloré = attention faible)</translation>
    </message>
    <message>
        <source>This film was not read.</source>
        <translation>Ce cliché n&apos;a pas été lu.</translation>
    </message>
    <message>
        <source>Severity: {words}</source>
        <translation>Gravité&#xa0;: {words}</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
</context>
<context>
    <name>ReportDetailsDialog</name>
    <message>
        <source>Report details</source>
        <translation>Détails du rapport</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nom du patient</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID du patient</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Optional: what the reader wants on the report</source>
        <translation>Facultatif&#xa0;: ce que le lecteur souhaite voir sur le rapport</translation>
    </message>
    <message>
        <source>Reader name</source>
        <translation>Nom du lecteur</translation>
    </message>
    <message>
        <source>Patient data is hidden (Settings): the patient fields are not taken from the film. Type them only if this report needs them.</source>
        <translation>Les données patient sont masquées (Paramètres)&#xa0;: les champs patient ne sont pas repris du cliché. Saisissez-les seulement si ce rapport en a besoin.</translation>
    </message>
    <message>
        <source>Patient fields are taken from the film&apos;s DICOM tags where it has them.</source>
        <translation>Les champs patient sont repris des balises DICOM du cliché lorsqu&apos;il en a.</translation>
    </message>
    <message>
        <source>All fields are optional. </source>
        <translation>Tous les champs sont facultatifs. </translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
</context>
<context>
    <name>ReportExporting</name>
    <message>
        <source>Select a film that has been read to export its report.</source>
        <translation>Sélectionnez un cliché déjà lu pour exporter son rapport.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No film that has been read is selected.</source>
        <translation>Aucun cliché lu n&apos;est sélectionné.</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Rapport enregistré&#xa0;: {path}</translation>
    </message>
</context>
<context>
    <name>ReportJob</name>
    <message>
        <source>{reason}: the disk is full</source>
        <translation>{reason}&#xa0;: le disque est plein</translation>
    </message>
    <message>
        <source>The report was NOT saved: {reason}. Any earlier {name} was left as it was.</source>
        <translation>Le rapport n&apos;a PAS été enregistré&#xa0;: {reason}. Tout {name} antérieur a été laissé tel quel.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Hide patient data (name, ID, birth date)</source>
        <translation>Masquer les données patient (nom, ID, date de naissance)</translation>
    </message>
    <message>
        <source>Hide patient data</source>
        <translation>Masquer les données patient</translation>
    </message>
    <message>
        <source>When on, DICOM patient name, ID and birth date are not shown in the window and not printed in reports (a report prints only what you type into its details). They are never stored in the history.</source>
        <translation>Lorsque cette option est activée, le nom, l&apos;ID et la date de naissance du patient issus du DICOM ne sont ni affichés dans la fenêtre ni imprimés dans les rapports (un rapport n&apos;imprime que ce que vous saisissez dans ses détails). Ils ne sont jamais conservés dans l&apos;historique.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>System default ({language})</source>
        <translation>Langue du système ({language})</translation>
    </message>
    <message>
        <source>A new language shows the next time CXR Triage starts.</source>
        <translation>Une nouvelle langue s&apos;affiche au prochain démarrage de CXR Triage.</translation>
    </message>
    <message>
        <source>Reader name for reports</source>
        <translation>Nom du lecteur pour les rapports</translation>
    </message>
    <message>
        <source>printed on reports above the signature line</source>
        <translation>imprimé sur les rapports au-dessus de la ligne de signature</translation>
    </message>
    <message>
        <source>Reports and History exports (CSV) are saved here first; the folder you last saved one to is remembered.</source>
        <translation>Les rapports et les exports de l&apos;historique (CSV) sont d&apos;abord proposés ici&#xa0;; le dernier dossier où vous en avez enregistré un est mémorisé.</translation>
    </message>
    <message>
        <source>Site profile</source>
        <translation>Profil de site</translation>
    </message>
    <message>
        <source>Change it in Tools ▸ Load site profile…, or go back to the model&apos;s own head in Tools ▸ Use the model&apos;s own head.</source>
        <translation>Changez-le avec Outils ▸ Charger un profil de site…, ou revenez à la couche d&apos;origine du modèle avec Outils ▸ Utiliser la couche d&apos;origine du modèle.</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <source>Reader name</source>
        <translation>Nom du lecteur</translation>
    </message>
    <message>
        <source>Report folder</source>
        <translation>Dossier des rapports</translation>
    </message>
    <message>
        <source>History database</source>
        <translation>Base de données de l&apos;historique</translation>
    </message>
</context>
<context>
    <name>SeverityGauge</name>
    <message>
        <source>Severity gauge</source>
        <translation>Jauge de gravité</translation>
    </message>
    <message>
        <source>Share of the lung fields that look involved, as estimated by the model: 0 % = clear lungs, 100 % = every part of both lungs. Learnt from radiologists&apos; scores of COVID-19 films only.</source>
        <translation>Part des champs pulmonaires qui semblent atteints, estimée par le modèle&#xa0;: 0 % = poumons clairs, 100 % = toutes les parties des deux poumons. Apprise uniquement à partir des scores de radiologues sur des clichés COVID-19.</translation>
    </message>
    <message>
        <source>of lung fields · {band}</source>
        <translation>des champs pulmonaires · {band}</translation>
    </message>
</context>
<context>
    <name>Site</name>
    <message>
        <source>{name} (1 film, {date})</source>
        <translation>{name} (1 cliché, {date})</translation>
    </message>
    <message>
        <source>{name} ({films} films, {date})</source>
        <translation>{name} ({films} clichés, {date})</translation>
    </message>
    <message>
        <source>Adapted to: {summary}</source>
        <translation>Adapté à&#xa0;: {summary}</translation>
    </message>
    <message>
        <source>Probabilities (adapted to {site})</source>
        <translation>Probabilités (adaptées à {site})</translation>
    </message>
    <message>
        <source>Model&apos;s own: {probabilities}</source>
        <translation>Probabilités d&apos;origine du modèle&#xa0;: {probabilities}</translation>
    </message>
    <message>
        <source>Made with the site profile {summary}.</source>
        <translation>Obtenu avec le profil de site {summary}.</translation>
    </message>
    <message>
        <source>The heatmap shows what drove the model&apos;s own most probable class ({own}), not the adapted call ({adapted}).</source>
        <translation>La carte de chaleur montre ce qui a motivé la classe la plus probable pour le modèle d&apos;origine ({own}), pas la conclusion adaptée ({adapted}).</translation>
    </message>
    <message>
        <source>None: the model&apos;s own class head</source>
        <translation>Aucun&#xa0;: couche de classification d&apos;origine du modèle</translation>
    </message>
</context>
<context>
    <name>SiteHandling</name>
    <message>
        <source>Site profile in use</source>
        <translation>Profil de site utilisé</translation>
    </message>
    <message>
        <source>Load site profile</source>
        <translation>Charger un profil de site</translation>
    </message>
    <message>
        <source>Site profiles (*.json);;All files (*)</source>
        <translation>Profils de site (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Site profile cleared: films read from now on get the model&apos;s own probabilities.</source>
        <translation>Profil de site retiré&#xa0;: les clichés lus à partir de maintenant reçoivent les probabilités d&apos;origine du modèle.</translation>
    </message>
    <message>
        <source>Site profile {summary} applied, as chosen last time.</source>
        <translation>Profil de site {summary} appliqué, comme choisi la dernière fois.</translation>
    </message>
    <message>
        <source>Site profile applied to the films read from now on.</source>
        <translation>Profil de site appliqué aux clichés lus à partir de maintenant.</translation>
    </message>
    <message>
        <source>The site profile chosen last time cannot be found now ({path}); it is tried again at the next start. Films are read with the model&apos;s own class head.</source>
        <translation>Le profil de site choisi la dernière fois est introuvable pour l&apos;instant ({path})&#xa0;; il sera recherché au prochain démarrage. Les clichés sont lus avec la couche de classification d&apos;origine du modèle.</translation>
    </message>
    <message>
        <source>The site profile chosen last time is not applied: {reason} Films are read with the model&apos;s own class head.</source>
        <translation>Le profil de site choisi la dernière fois n&apos;est pas appliqué&#xa0;: {reason} Les clichés sont lus avec la couche de classification d&apos;origine du modèle.</translation>
    </message>
    <message>
        <source>{reason} The site profile {summary} stays in use.</source>
        <translation>{reason} Le profil de site {summary} reste utilisé.</translation>
    </message>
    <message>
        <source>{reason} Films are read with the model&apos;s own class head.</source>
        <translation>{reason} Les clichés sont lus avec la couche de classification d&apos;origine du modèle.</translation>
    </message>
    <message>
        <source>Site profile not applied</source>
        <translation>Profil de site non appliqué</translation>
    </message>
</context>
<context>
    <name>SiteSentences</name>
    <message>
        <source>On your {scored} films, normal films called normal</source>
        <translation>Sur vos {scored} clichés, clichés normaux classés normaux</translation>
    </message>
    <message>
        <source>On your {scored} films, pneumonia films called pneumonia</source>
        <translation>Sur vos {scored} clichés, clichés de pneumonie classés pneumonie</translation>
    </message>
    <message>
        <source>On your {scored} films, COVID-19 films called COVID-19</source>
        <translation>Sur vos {scored} clichés, clichés COVID-19 classés COVID-19</translation>
    </message>
    <message>
        <source>normal films</source>
        <translation>clichés normaux</translation>
    </message>
    <message>
        <source>pneumonia films</source>
        <translation>clichés de pneumonie</translation>
    </message>
    <message>
        <source>COVID-19 films</source>
        <translation>clichés COVID-19</translation>
    </message>
    <message>
        <source>films</source>
        <translation>clichés</translation>
    </message>
    <message>
        <source>Right calls over all classes</source>
        <translation>Conclusions justes, toutes classes confondues</translation>
    </message>
    <message>
        <source>not in this model&apos;s card</source>
        <translation>absent de la fiche de ce modèle</translation>
    </message>
    <message>
        <source>Checked with the site profile {name}. If these are the films it was adapted on, the figures flatter it: check it on other films.</source>
        <translation>Vérifié avec le profil de site {name}. Si ce sont les clichés sur lesquels il a été adapté, les chiffres l&apos;avantagent&#xa0;: vérifiez-le sur d&apos;autres clichés.</translation>
    </message>
    <message>
        <source>Checked with the site profile {name} on films it was not adapted on.</source>
        <translation>Vérifié avec le profil de site {name} sur des clichés sur lesquels il n&apos;a pas été adapté.</translation>
    </message>
    <message>
        <source>1 of these {films} films was used to adapt the site profile {name}, so the figures flatter it: check it on films it was not adapted on.</source>
        <translation>1 de ces {films} clichés a servi à adapter le profil de site {name}, donc les chiffres l&apos;avantagent&#xa0;: vérifiez-le sur des clichés sur lesquels il n&apos;a pas été adapté.</translation>
    </message>
    <message>
        <source>{fitted} of these {films} films were used to adapt the site profile {name}, so the figures flatter it: check it on films it was not adapted on.</source>
        <translation>{fitted} de ces {films} clichés ont servi à adapter le profil de site {name}, donc les chiffres l&apos;avantagent&#xa0;: vérifiez-le sur des clichés sur lesquels il n&apos;a pas été adapté.</translation>
    </message>
    <message>
        <source>Calibration error (ECE, 0 is perfect): {ece} on your films; the model card&apos;s test split: {card}.</source>
        <translation>Erreur de calibration (ECE, 0 = parfait)&#xa0;: {ece} sur vos clichés&#xa0;; jeu de test de la fiche du modèle&#xa0;: {card}.</translation>
    </message>
    <message>
        <source>Severity on your {n} films with a severity: off by {points} points of lung involvement on average (MAE {mae}), r = {r}; the model card&apos;s test split: {card}.</source>
        <translation>Sévérité sur vos {n} clichés avec une sévérité&#xa0;: écart moyen de {points} points d&apos;atteinte pulmonaire (MAE {mae}), r = {r}&#xa0;; jeu de test de la fiche du modèle&#xa0;: {card}.</translation>
    </message>
    <message>
        <source>None of your scored films are {films}: nothing can be said about them.</source>
        <translation>Aucun de vos clichés évalués ne fait partie des {films}&#xa0;: rien ne peut en être dit.</translation>
    </message>
    <message>
        <source>{subject}: {value} (95 % CI {interval}, {k} of {n}).</source>
        <translation>{subject}&#xa0;: {value} (IC à 95 % {interval}, {k} sur {n}).</translation>
    </message>
    <message>
        <source>Too few {films} to conclude: the interval spans {span} points; about {more} more {films} would narrow it to ±{target} points.</source>
        <translation>Trop peu de {films} pour conclure&#xa0;: l&apos;intervalle couvre {span} points&#xa0;; environ {more} {films} de plus le ramèneraient à ±{target} points.</translation>
    </message>
    <message>
        <source>The model card&apos;s test split: not in this model&apos;s card.</source>
        <translation>Jeu de test de la fiche du modèle&#xa0;: absent de la fiche de ce modèle.</translation>
    </message>
    <message>
        <source>The model card&apos;s test split: {card}.</source>
        <translation>Jeu de test de la fiche du modèle&#xa0;: {card}.</translation>
    </message>
    <message>
        <source>This model does not yet hold up on your films.</source>
        <translation>Ce modèle n&apos;est pas encore fiable sur vos clichés.</translation>
    </message>
    <message>
        <source>On your films it does better than on its test split.</source>
        <translation>Sur vos clichés, il fait mieux que sur son jeu de test.</translation>
    </message>
    <message>
        <source>That is within your interval: your films are consistent with it.</source>
        <translation>Cette valeur est dans votre intervalle&#xa0;: vos clichés concordent avec elle.</translation>
    </message>
    <message>
        <source>{n} scored</source>
        <translation>{n} évalués</translation>
    </message>
    <message>
        <source>{n} refused as not a frontal chest X-ray (counted apart, not in the figures)</source>
        <translation>{n} refusés car ce ne sont pas des radiographies thoraciques de face (comptés à part, hors des chiffres)</translation>
    </message>
    <message>
        <source>{n} could not be read</source>
        <translation>{n} illisibles</translation>
    </message>
    <message>
        <source>Of your {n} labelled films: {parts}.</source>
        <translation>Sur vos {n} clichés étiquetés&#xa0;: {parts}.</translation>
    </message>
    <message>
        <source>Adapted on {n} films ({classes}); figures below are {folds}-fold cross-validated: each film was scored by a head fitted without it.</source>
        <translation>Adapté sur {n} clichés ({classes})&#xa0;; les chiffres ci-dessous sont en validation croisée à {folds} plis&#xa0;: chaque cliché a été évalué par une couche de classification ajustée sans lui.</translation>
    </message>
    <message>
        <source>No adapted head did better than the model&apos;s own on your films, so adapting does not pay: keep the model as it is.</source>
        <translation>Aucune couche adaptée n&apos;a fait mieux que celle du modèle sur vos clichés&#xa0;: l&apos;adaptation n&apos;apporte rien, gardez le modèle tel quel.</translation>
    </message>
    <message>
        <source>Normal films called normal: {before} before, {after} after ({k} of {n} films).</source>
        <translation>Clichés normaux classés normaux&#xa0;: {before} avant, {after} après ({k} sur {n} clichés).</translation>
    </message>
    <message>
        <source>Pneumonia films found: {before} before, {after} after ({k} of {n} films).</source>
        <translation>Clichés de pneumonie détectés&#xa0;: {before} avant, {after} après ({k} sur {n} clichés).</translation>
    </message>
    <message>
        <source>COVID-19 films found: {before} before, {after} after ({k} of {n} films).</source>
        <translation>Clichés COVID-19 détectés&#xa0;: {before} avant, {after} après ({k} sur {n} clichés).</translation>
    </message>
    <message>
        <source>Warning: fewer {name} films are found after adapting. Use this profile only if you accept that.</source>
        <translation>Attention&#xa0;: moins de clichés {name} sont détectés après adaptation. N&apos;utilisez ce profil que si vous l&apos;acceptez.</translation>
    </message>
    <message>
        <source>Kept as the model has them (too few of your films to adapt): {classes}.</source>
        <translation>Conservées telles que dans le modèle (trop peu de vos clichés pour les adapter)&#xa0;: {classes}.</translation>
    </message>
    <message>
        <source>Films refused as not frontal chest X-rays, not used: {n}.</source>
        <translation>Clichés refusés car ce ne sont pas des radiographies thoraciques de face, non utilisés&#xa0;: {n}.</translation>
    </message>
    <message>
        <source>Films that could not be read, not used: {n}.</source>
        <translation>Clichés illisibles, non utilisés&#xa0;: {n}.</translation>
    </message>
</context>
<context>
    <name>ViewerToolbar</name>
    <message>
        <source>Heatmap</source>
        <translation>Carte de chaleur</translation>
    </message>
    <message>
        <source>Show heatmap overlay</source>
        <translation>Afficher la carte de chaleur en surimpression</translation>
    </message>
    <message>
        <source>Show where the model looked (H)</source>
        <translation>Montrer où le modèle a regardé (H)</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>Opacité de la carte de chaleur</translation>
    </message>
    <message>
        <source>Heatmap opacity: how strongly its colours cover the film</source>
        <translation>Opacité de la carte de chaleur&#xa0;: à quel point ses couleurs couvrent le cliché</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>Window width</source>
        <translation>Largeur de fenêtre</translation>
    </message>
    <message>
        <source>Window width (contrast). Or right-drag left/right on the image.</source>
        <translation>Largeur de fenêtre (contraste). Ou faites glisser avec le bouton droit vers la gauche ou la droite sur l&apos;image.</translation>
    </message>
    <message>
        <source>Window level</source>
        <translation>Niveau de fenêtre</translation>
    </message>
    <message>
        <source>Window level (brightness). Or right-drag up/down on the image.</source>
        <translation>Niveau de fenêtre (luminosité). Ou faites glisser avec le bouton droit vers le haut ou le bas sur l&apos;image.</translation>
    </message>
    <message>
        <source>Zoom level</source>
        <translation>Niveau de zoom</translation>
    </message>
    <message>
        <source>Window/level (contrast and brightness)</source>
        <translation>Fenêtre/niveau (contraste et luminosité)</translation>
    </message>
    <message>
        <source>Reset window/level</source>
        <translation>Réinitialiser fenêtre/niveau</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>Zoom arrière (−)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Zoom avant (+)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Fit to window (0)</source>
        <translation>Ajuster à la fenêtre (0)</translation>
    </message>
    <message>
        <source>Contrast (window width)</source>
        <translation>Contraste (largeur de fenêtre)</translation>
    </message>
    <message>
        <source>Brightness (window level)</source>
        <translation>Luminosité (niveau de fenêtre)</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Open files…</source>
        <translation>&amp;Ouvrir des fichiers…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>Ouvrir un &amp;dossier…</translation>
    </message>
    <message>
        <source>&amp;Export report (PDF)…</source>
        <translation>&amp;Exporter le rapport (PDF)…</translation>
    </message>
    <message>
        <source>Export history as &amp;CSV…</source>
        <translation>Exporter l&apos;historique en &amp;CSV…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Most urgent first</source>
        <translation>Les plus &amp;urgents d&apos;abord</translation>
    </message>
    <message>
        <source>Sort the worklist: COVID-19 and pneumonia calls first, then uncertain calls, refused and unreadable films, normal calls, films not read</source>
        <translation>Trier la liste de travail&#xa0;: conclusions COVID-19 et pneumonie d&apos;abord, puis conclusions incertaines, clichés refusés et illisibles, conclusions normales, clichés non lus</translation>
    </message>
    <message>
        <source>&amp;Next film</source>
        <translation>Cliché &amp;suivant</translation>
    </message>
    <message>
        <source>&amp;Previous film</source>
        <translation>Cliché &amp;précédent</translation>
    </message>
    <message>
        <source>F&amp;irst film</source>
        <translation>P&amp;remier cliché</translation>
    </message>
    <message>
        <source>&amp;Last film</source>
        <translation>&amp;Dernier cliché</translation>
    </message>
    <message>
        <source>&amp;Remove from worklist</source>
        <translation>Re&amp;tirer de la liste de travail</translation>
    </message>
    <message>
        <source>&amp;Clear worklist</source>
        <translation>&amp;Vider la liste de travail</translation>
    </message>
    <message>
        <source>Toggle &amp;heatmap</source>
        <translation>Afficher/masquer la &amp;carte de chaleur</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>A&amp;juster à la fenêtre</translation>
    </message>
    <message>
        <source>&amp;Load site profile…</source>
        <translation>&amp;Charger un profil de site…</translation>
    </message>
    <message>
        <source>Read films with a class head adapted to your clinic&apos;s films (a site profile made by “Adapt to our films”)</source>
        <translation>Lire les clichés avec une couche de classification adaptée aux clichés de votre établissement (un profil de site créé par «&#xa0;Adapter à nos clichés&#xa0;»)</translation>
    </message>
    <message>
        <source>Use the model&apos;s own head (&amp;clear site profile)</source>
        <translation>Utiliser la couche d&apos;origine du modèle (&amp;retirer le profil de site)</translation>
    </message>
    <message>
        <source>Chec&amp;k the model on our films…</source>
        <translation>&amp;Vérifier le modèle sur nos clichés…</translation>
    </message>
    <message>
        <source>&amp;Adapt to our films…</source>
        <translation>&amp;Adapter à nos clichés…</translation>
    </message>
    <message>
        <source>About the &amp;model…</source>
        <translation>À propos du &amp;modèle…</translation>
    </message>
    <message>
        <source>&amp;About CXR Triage</source>
        <translation>À propos de &amp;CXR Triage</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Worklist</source>
        <translation>&amp;Liste de travail</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>This model has no embedding output, so it cannot be adapted to your films.</source>
        <translation>Ce modèle n&apos;a pas de sortie d&apos;embedding&#xa0;; il ne peut donc pas être adapté à vos clichés.</translation>
    </message>
    <message>
        <source>This version of CXR Triage cannot check or adapt the model.</source>
        <translation>Cette version de CXR Triage ne peut ni vérifier ni adapter le modèle.</translation>
    </message>
    <message numerus="yes">
        <source>%n film(s) removed from the worklist; their results stay in the History tab.</source>
        <translation>
            <numerusform>%n cliché retiré de la liste de travail&#xa0;; son résultat reste dans l&apos;onglet Historique.</numerusform>
            <numerusform>%n clichés retirés de la liste de travail&#xa0;; leurs résultats restent dans l&apos;onglet Historique.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n film(s) waiting or being read stay listed; Cancel stops the batch.</source>
        <translation>
            <numerusform>%n cliché en attente ou en cours de lecture reste listé&#xa0;; Annuler arrête le lot.</numerusform>
            <numerusform>%n clichés en attente ou en cours de lecture restent listés&#xa0;; Annuler arrête le lot.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>This does not look like a frontal chest X-ray — result withheld</source>
        <translation>Ceci ne ressemble pas à une radiographie thoracique de face — aucun résultat donné</translation>
    </message>
    <message>
        <source>COVID-19 calls are this model&apos;s least reliable: tested on a hospital collection it had not seen, it found fewer than half of the COVID-19 films, and it called many healthy adults from an unseen hospital COVID-19. Confirm with a COVID-19 test.</source>
        <translation>Les conclusions COVID-19 sont les moins fiables de ce modèle&#xa0;: testé sur la collection d&apos;un hôpital qu&apos;il n&apos;avait pas vue, il a trouvé moins de la moitié des clichés COVID-19, et il a classé COVID-19 de nombreux adultes sains d&apos;un hôpital inconnu. Confirmez par un test COVID-19.</translation>
    </message>
    <message>
        <source>Called {label} although {top} is more probable: this model calls {label} from a lower probability, set so that fewer {label} films are missed.</source>
        <translation>Classé {label} bien que {top} soit plus probable&#xa0;: ce modèle retient {label} à partir d&apos;une probabilité plus basse, fixée pour que moins de clichés {label} soient manqués.</translation>
    </message>
    <message>
        <source>No sign of pneumonia</source>
        <translation>Aucun signe de pneumonie</translation>
    </message>
    <message>
        <source>Pneumonia pattern (not COVID-19)</source>
        <translation>Aspect de pneumonie (pas COVID-19)</translation>
    </message>
    <message>
        <source>COVID-19 pneumonia pattern</source>
        <translation>Aspect de pneumonie COVID-19</translation>
    </message>
    <message>
        <source>Uncertain — read carefully</source>
        <translation>Incertain — à lire attentivement</translation>
    </message>
    <message>
        <source>Most likely {label} ({p})</source>
        <translation>Plus probablement {label} ({p})</translation>
    </message>
    <message>
        <source>, then {label} ({p})</source>
        <translation>, puis {label} ({p})</translation>
    </message>
    <message>
        <source>. Not sure enough for a firm call (below {threshold}).</source>
        <translation>. Pas assez sûr pour une conclusion ferme (en dessous de {threshold}).</translation>
    </message>
    <message>
        <source>A result is worded firmly only when the model&apos;s calibrated probability for it is at least {threshold}; below that it reads “Uncertain — read carefully”. On the validation split, calls from {threshold} on were right at least 95 % of the time.</source>
        <translation>Un résultat n&apos;est formulé de façon ferme que si la probabilité calibrée du modèle pour ce résultat atteint au moins {threshold}&#xa0;; en dessous, il indique «&#xa0;Incertain — à lire attentivement&#xa0;». Sur le jeu de validation, les conclusions à partir de {threshold} étaient justes au moins 95 % du temps.</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>non disponible</translation>
    </message>
    <message>
        <source>none measured</source>
        <translation>aucune atteinte mesurée</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>légère</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>modérée</translation>
    </message>
    <message>
        <source>extensive</source>
        <translation>étendue</translation>
    </message>
    <message>
        <source>About {value} of the lung fields look involved ({band})</source>
        <translation>Environ {value} des champs pulmonaires semblent atteints ({band})</translation>
    </message>
    <message>
        <source>A rough estimate learnt from radiologists&apos; scores of COVID-19 films, not a measurement.</source>
        <translation>Une estimation grossière apprise à partir des scores de radiologues sur des clichés COVID-19, pas une mesure.</translation>
    </message>
    <message>
        <source>Learnt from COVID-19 films only: for other pneumonia this estimate is a rough guide at best.</source>
        <translation>Apprise uniquement sur des clichés COVID-19&#xa0;: pour les autres pneumonies, cette estimation n&apos;est au mieux qu&apos;une indication grossière.</translation>
    </message>
    <message>
        <source>Where the model looked; not an outline of disease.</source>
        <translation>Là où le modèle a regardé&#xa0;; ce n&apos;est pas le contour d&apos;une maladie.</translation>
    </message>
    <message>
        <source>Coloured where the model looked for {label}, its most probable class; not an outline of disease.</source>
        <translation>Coloré là où le modèle a regardé pour {label}, sa classe la plus probable&#xa0;; ce n&apos;est pas le contour d&apos;une maladie.</translation>
    </message>
    <message>
        <source>The model looked mostly outside the lungs — treat this call with caution.</source>
        <translation>Le modèle a surtout regardé hors des poumons — traitez cette conclusion avec prudence.</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Pneumonia</source>
        <translation>Pneumonie</translation>
    </message>
    <message>
        <source>COVID-19</source>
        <translation>COVID-19</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>Check that it is a chest X-ray image (PNG, JPEG, TIFF, BMP or DICOM). If it is, export it again from the X-ray system and open the new file; until then a clinician reads it without the app.</source>
        <translation>Vérifiez qu&apos;il s&apos;agit bien d&apos;une image de radiographie thoracique (PNG, JPEG, TIFF, BMP ou DICOM). Si c&apos;est le cas, exportez-la de nouveau depuis l&apos;appareil de radiographie et ouvrez le nouveau fichier&#xa0;; en attendant, un clinicien la lit sans l&apos;application.</translation>
    </message>
</context>
<context>
    <name>Worklist</name>
    <message>
        <source>Duplicate</source>
        <translation>Doublon</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>Sans conclusion</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Incertain</translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Illisible</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Non lu</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>Liste de travail</translation>
    </message>
    <message>
        <source>Read in an earlier session while patient data was hidden, so its file name was not kept and its image cannot be shown. Open the film again from its folder to see it.</source>
        <translation>Lu lors d&apos;une session précédente alors que les données patient étaient masquées&#xa0;: son nom de fichier n&apos;a pas été conservé et son image ne peut pas être affichée. Rouvrez le cliché depuis son dossier pour le voir.</translation>
    </message>
    <message>
        <source>Read in an earlier session; the file is no longer at {path}. Open it again from where it is now to see its image.</source>
        <translation>Lu lors d&apos;une session précédente&#xa0;; le fichier n&apos;est plus à l&apos;emplacement {path}. Rouvrez-le depuis son emplacement actuel pour voir son image.</translation>
    </message>
    <message>
        <source>Duplicate of {name}</source>
        <translation>Doublon de {name}</translation>
    </message>
    <message>
        <source>The same file (identical SHA-256) as {name}, listed earlier.</source>
        <translation>Le même fichier (SHA-256 identique) que {name}, listé plus haut.</translation>
    </message>
    <message>
        <source>Read in an earlier session.</source>
        <translation>Lu lors d&apos;une session précédente.</translation>
    </message>
    <message>
        <source>Waiting to be read.</source>
        <translation>En attente de lecture.</translation>
    </message>
    <message>
        <source>Being read now.</source>
        <translation>En cours de lecture.</translation>
    </message>
    <message>
        <source>Not read: the batch was cancelled. Open the film again to read it.</source>
        <translation>Non lu&#xa0;: le lot a été annulé. Rouvrez le cliché pour le lire.</translation>
    </message>
    <message>
        <source>Sort most urgent first</source>
        <translation>Trier les plus urgents d&apos;abord</translation>
    </message>
    <message>
        <source>The model&apos;s call; sorted by it, the list is most urgent first</source>
        <translation>La conclusion du modèle&#xa0;; triée selon elle, la liste commence par les plus urgents</translation>
    </message>
    <message>
        <source>The calibrated probability of the call</source>
        <translation>La probabilité calibrée de la conclusion</translation>
    </message>
    <message>
        <source>The estimated share of the lung fields involved (pneumonia calls only)</source>
        <translation>La part estimée des champs pulmonaires atteints (conclusions de pneumonie seulement)</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Extent</source>
        <translation>Étendue</translation>
    </message>
</context>
<context>
    <name>XrayViewer</name>
    <message>
        <source>X-ray viewer</source>
        <translation>Visionneuse de radiographies</translation>
    </message>
</context>
</TS>
