<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>No model file found at {path}. {how}</source>
        <comment>Worker</comment>
        <translation>No se encontró ningún archivo de modelo en {path}. {how}</translation>
    </message>
    <message>
        <source>The model file {name} could not be loaded ({error}).</source>
        <comment>Worker</comment>
        <translation>No se pudo cargar el archivo de modelo {name} ({error}).</translation>
    </message>
    <message>
        <source>No model is loaded, so a site profile cannot be applied.</source>
        <comment>Worker</comment>
        <translation>No hay ningún modelo cargado, así que no se puede aplicar un perfil de centro.</translation>
    </message>
    <message>
        <source>The site profile {path} could not be used ({error}).</source>
        <comment>Worker</comment>
        <translation>No se pudo usar el perfil de centro {path} ({error}).</translation>
    </message>
    <message>
        <source>The files could not be listed ({reason}).</source>
        <comment>Worker</comment>
        <translation>No se pudieron listar los archivos ({reason}).</translation>
    </message>
    <message>
        <source>The file could not be opened ({reason}).</source>
        <comment>Worker</comment>
        <translation>No se pudo abrir el archivo ({reason}).</translation>
    </message>
    <message>
        <source>This film could not be read ({error}).</source>
        <comment>Worker</comment>
        <translation>No se pudo leer esta radiografía ({error}).</translation>
    </message>
</context>
<context>
    <name>AdaptDialog</name>
    <message>
        <source>Adapt to our films</source>
        <translation>Adaptar a nuestras radiografías</translation>
    </message>
    <message>
        <source>Adapt</source>
        <translation>Adaptar</translation>
    </message>
    <message>
        <source>Adapting stopped: {error}</source>
        <translation>La adaptación se detuvo: {error}</translation>
    </message>
    <message>
        <source>Fit the model&apos;s last step to films of your own whose diagnosis you know: at least 40 films, with 10 or more of each class to adapt. The figures shown are cross-validated: each film is scored by a fit made without it. Nothing changes until you save the profile and choose to use it.</source>
        <translation>Ajuste el último paso del modelo con radiografías propias cuyo diagnóstico conozca: al menos 40 radiografías, con 10 o más de cada clase que se vaya a adaptar. Las cifras mostradas se obtienen por validación cruzada: cada radiografía se evalúa con un ajuste hecho sin ella. Nada cambia hasta que guarde el perfil y decida usarlo.</translation>
    </message>
    <message>
        <source>e.g. St Mary&apos;s Hospital, X-ray room 2</source>
        <translation>p. ej., Hospital San Juan, sala de rayos X 2</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>Nombre del centro</translation>
    </message>
    <message>
        <source>Site name:</source>
        <translation>Nombre del centro:</translation>
    </message>
    <message>
        <source>The site profile {name} in use now is not the starting point: adapting always starts from the model&apos;s own class head.</source>
        <translation>El perfil de centro {name} que se usa ahora no es el punto de partida: la adaptación siempre parte de la capa de clasificación original del modelo.</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Nota:</translation>
    </message>
    <message>
        <source>Save profile and use it…</source>
        <translation>Guardar el perfil y usarlo…</translation>
    </message>
    <message>
        <source>Type the site&apos;s name first: the profile and every result made with it carry it.</source>
        <translation>Escriba primero el nombre del centro: figurará en el perfil y en cada resultado obtenido con él.</translation>
    </message>
    <message>
        <source>Adapting does not pay on these films, so there is no profile to save: keep using the model as it is.</source>
        <translation>La adaptación no aporta ninguna mejora con estas radiografías, así que no hay ningún perfil que guardar: siga usando el modelo tal como está.</translation>
    </message>
    <message>
        <source>Before and after, {folds}-fold cross-validated on your films (95 % intervals)</source>
        <translation>Antes y después, con validación cruzada de {folds} particiones en sus radiografías (intervalos de confianza del 95 %)</translation>
    </message>
    <message>
        <source>Right calls over all classes: {before} before, {after} after.</source>
        <translation>Clasificaciones correctas en todas las clases: {before} antes, {after} después.</translation>
    </message>
    <message>
        <source>{name} films found: {before} before, {after} after</source>
        <translation>radiografías de {name} encontradas: {before} antes, {after} después</translation>
    </message>
    <message>
        <source>Warning: after adapting, fewer {names} films are found on your films ({figures}, cross-validated). Save this profile only if that is acceptable for your clinic.</source>
        <translation>Atención: después de la adaptación se encuentran menos radiografías de {names} entre sus radiografías ({figures}, con validación cruzada). Guarde este perfil solo si eso es aceptable para su centro.</translation>
    </message>
    <message>
        <source>I accept lower sensitivity for {names} on our films</source>
        <translation>Acepto una sensibilidad menor para {names} en nuestras radiografías</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Films</source>
        <translation>Radiografías</translation>
    </message>
    <message>
        <source>Adapted</source>
        <translation>Adaptada</translation>
    </message>
    <message>
        <source>Sensitivity before</source>
        <translation>Sensibilidad antes</translation>
    </message>
    <message>
        <source>Sensitivity after</source>
        <translation>Sensibilidad después</translation>
    </message>
    <message>
        <source>Specificity before</source>
        <translation>Especificidad antes</translation>
    </message>
    <message>
        <source>Specificity after</source>
        <translation>Especificidad después</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no, kept</source>
        <translation>no, conservada</translation>
    </message>
    <message>
        <source>Save the site profile</source>
        <translation>Guardar el perfil del centro</translation>
    </message>
    <message>
        <source>Site profiles (*.json)</source>
        <translation>Perfiles de centro (*.json)</translation>
    </message>
    <message>
        <source>The profile was NOT saved: {reason}. Nothing was changed.</source>
        <translation>El perfil NO se guardó: {reason}. No se cambió nada.</translation>
    </message>
    <message>
        <source>Saved {path}. Load it from the Tools menu to use it.</source>
        <translation>Guardado: {path}. Cárguelo desde el menú Herramientas para usarlo.</translation>
    </message>
</context>
<context>
    <name>BatchHandling</name>
    <message>
        <source>The model is still loading.</source>
        <translation>El modelo todavía se está cargando.</translation>
    </message>
    <message>
        <source>Looking for images…</source>
        <translation>Buscando imágenes…</translation>
    </message>
    <message>
        <source>Open chest X-rays</source>
        <translation>Abrir radiografías de tórax</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Open a folder of chest X-rays</source>
        <translation>Abrir una carpeta de radiografías de tórax</translation>
    </message>
    <message>
        <source>{path} is not a file on this computer (names are not stored while patient data is hidden): open the film from its folder.</source>
        <translation>{path} no es un archivo de este equipo (los nombres no se guardan mientras los datos del paciente están ocultos): abra la radiografía desde su carpeta.</translation>
    </message>
    <message>
        <source>Nothing to open: drop image files or folders from this computer.</source>
        <translation>Nada que abrir: arrastre archivos de imagen o carpetas de este equipo.</translation>
    </message>
    <message>
        <source>{done} read, {rejected} rejected, {errors} could not be read.</source>
        <translation>Leídas: {done}, rechazadas: {rejected}, ilegibles: {errors}.</translation>
    </message>
    <message>
        <source>Cancelled; {n} films not read. </source>
        <translation>Cancelado; radiografías sin leer: {n}. </translation>
    </message>
</context>
<context>
    <name>BatchProgress</name>
    <message>
        <source>Batch progress</source>
        <translation>Progreso del lote</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v de %m</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel the batch</source>
        <translation>Cancelar el lote</translation>
    </message>
    <message>
        <source>Stop after the film being read now</source>
        <translation>Detener después de la radiografía que se está leyendo</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check the model on our films</source>
        <translation>Comprobar el modelo con nuestras radiografías</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>The check stopped: {error}</source>
        <translation>La comprobación se detuvo: {error}</translation>
    </message>
    <message>
        <source>Before relying on the model, see how it does on films of your own whose diagnosis you know. Give a folder with one folder per label (normal, pneumonia, covid19) or a CSV list with columns path,label. Nothing is changed: the films are only read.</source>
        <translation>Antes de confiar en el modelo, vea cómo funciona con radiografías propias cuyo diagnóstico conozca. Indique una carpeta con una carpeta por etiqueta (normal, pneumonia, covid19) o una lista CSV con las columnas path,label. No se cambia nada: las radiografías solo se leen.</translation>
    </message>
    <message>
        <source>The films are read with the site profile {name} in use, as the app reads every film now.</source>
        <translation>Las radiografías se leen con el perfil de centro {name} en uso, como la aplicación lee ahora cada radiografía.</translation>
    </message>
    <message>
        <source>Site profile:</source>
        <translation>Perfil del centro:</translation>
    </message>
    <message>
        <source>Save report (PDF)…</source>
        <translation>Guardar informe (PDF)…</translation>
    </message>
    <message>
        <source>Save per-film table (CSV)…</source>
        <translation>Guardar tabla por radiografía (CSV)…</translation>
    </message>
    <message>
        <source>Per class, on the films scored (95 % intervals), beside the model card&apos;s test split</source>
        <translation>Por clase, en las radiografías evaluadas (intervalos de confianza del 95 %), junto al conjunto de prueba de la ficha del modelo</translation>
    </message>
    <message>
        <source>Accuracy {accuracy} (model card {card}); calibration error (ECE, 0 is perfect) {ece} (model card {card_ece}).</source>
        <translation>Exactitud {accuracy} (ficha del modelo: {card}); error de calibración (ECE, 0 es perfecto) {ece} (ficha del modelo: {card_ece}).</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: the label, columns: the model&apos;s call)</source>
        <translation>Matriz de confusión (filas: la etiqueta, columnas: el resultado del modelo)</translation>
    </message>
    <message>
        <source>Model {version} · {films} labelled films from {source}: {scored} scored, {refused} refused, {errors} could not be read.</source>
        <translation>Modelo {version} · {films} radiografías etiquetadas de {source}: {scored} evaluadas, {refused} rechazadas, {errors} ilegibles.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Films</source>
        <translation>Radiografías</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Sensibilidad</translation>
    </message>
    <message>
        <source>card</source>
        <translation>ficha</translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation>Especificidad</translation>
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
        <translation>Sensibilidad: radiografías de la clase clasificadas en esa clase. Especificidad: radiografías de otras clases no clasificadas en ella. VPP y VPN: con qué frecuencia es correcta una clasificación en ella, o fuera de ella.</translation>
    </message>
    <message>
        <source>{label} films</source>
        <translation>Radiografías de {label}</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>called {name}</source>
        <translation>clasificadas como {name}</translation>
    </message>
    <message>
        <source>Reliability: the share of right calls per confidence (bars) against perfect calibration (dashed line).</source>
        <translation>Fiabilidad: proporción de clasificaciones correctas según la confianza (barras), frente a una calibración perfecta (línea discontinua).</translation>
    </message>
    <message>
        <source>OOD scores of the films read; above the red line (threshold {threshold}) a film is refused as not a frontal chest X-ray.</source>
        <translation>Puntuaciones fuera de distribución (OOD) de las radiografías leídas; por encima de la línea roja (umbral {threshold}) una radiografía se rechaza por no ser una radiografía de tórax frontal.</translation>
    </message>
    <message>
        <source>Save the check as a PDF</source>
        <translation>Guardar la comprobación como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save the per-film table</source>
        <translation>Guardar la tabla por radiografía</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>{name} was NOT saved: {reason}. Any earlier file of that name was left as it was.</source>
        <translation>{name} NO se guardó: {reason}. Cualquier archivo anterior con ese nombre se dejó como estaba.</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Guardado: {path}.</translation>
    </message>
</context>
<context>
    <name>Disclaimer</name>
    <message>
        <source>An aid for triage, not a diagnosis. A clinician must review every film.</source>
        <translation>Una ayuda para el triaje, no un diagnóstico. Un clínico debe revisar cada radiografía.</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop zone for chest X-ray files and folders</source>
        <translation>Zona para arrastrar archivos y carpetas de radiografías de tórax</translation>
    </message>
    <message>
        <source>Open files…</source>
        <translation>Abrir archivos…</translation>
    </message>
    <message>
        <source>Open files</source>
        <translation>Abrir archivos</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Abrir carpeta…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>Cargando el modelo…</translation>
    </message>
    <message>
        <source>Drop chest X-ray files or folders here
PNG · JPEG · TIFF · BMP · DICOM</source>
        <translation>Arrastre aquí archivos o carpetas de radiografías de tórax
PNG · JPEG · TIFF · BMP · DICOM</translation>
    </message>
</context>
<context>
    <name>Film</name>
    <message>
        <source>file name hidden</source>
        <translation>nombre de archivo oculto</translation>
    </message>
</context>
<context>
    <name>FilmDisplay</name>
    <message>
        <source>Select a film in the worklist.</source>
        <translation>Seleccione una radiografía en la lista de trabajo.</translation>
    </message>
    <message>
        <source>Waiting to be read…</source>
        <translation>En espera de lectura…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <source>Not read (cancelled).</source>
        <translation>No leída (cancelada).</translation>
    </message>
    <message>
        <source>Loading image…</source>
        <translation>Cargando la imagen…</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Findings</source>
        <translation>Hallazgos</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>What the model leans to</source>
        <translation>Hacia dónde se inclina el modelo</translation>
    </message>
    <message>
        <source>Heatmap warning</source>
        <translation>Advertencia del mapa de calor</translation>
    </message>
    <message>
        <source>Heatmap explains another class</source>
        <translation>El mapa de calor explica otra clase</translation>
    </message>
    <message>
        <source>Site profile and the model&apos;s own probabilities</source>
        <translation>Perfil del centro y probabilidades originales del modelo</translation>
    </message>
    <message>
        <source>Image details</source>
        <translation>Detalles de la imagen</translation>
    </message>
    <message>
        <source>Probabilities (calibrated)</source>
        <translation>Probabilidades (calibradas)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Mapa de calor</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <source>No film selected</source>
        <translation>Ninguna radiografía seleccionada</translation>
    </message>
    <message>
        <source>Select a film in the worklist to see its result.</source>
        <translation>Seleccione una radiografía en la lista de trabajo para ver su resultado.</translation>
    </message>
    <message>
        <source>Waiting to be read…</source>
        <translation>En espera de lectura…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <source>Not read (cancelled).</source>
        <translation>No leída (cancelada).</translation>
    </message>
    <message>
        <source>This film could not be read.</source>
        <translation>No se pudo leer esta radiografía.</translation>
    </message>
    <message>
        <source>The model only reads frontal chest X-rays. A clinician must read this film without it.</source>
        <translation>El modelo solo lee radiografías de tórax frontales. Un clínico debe leer esta radiografía sin él.</translation>
    </message>
    <message>
        <source>Read earlier by this model version with the site profile {site} ({when}); not run again.</source>
        <translation>Ya leída por esta versión del modelo con el perfil de centro {site} ({when}); no se volvió a leer.</translation>
    </message>
    <message>
        <source>Read earlier by this model version ({when}); not run again.</source>
        <translation>Ya leída por esta versión del modelo ({when}); no se volvió a leer.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>hidden (Settings ▸ Hide patient data)</source>
        <translation>oculto (Configuración ▸ Ocultar datos del paciente)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Site profile</source>
        <translation>Perfil del centro</translation>
    </message>
</context>
<context>
    <name>HeatmapLegend</name>
    <message>
        <source>Heatmap colour legend</source>
        <translation>Leyenda de colores del mapa de calor</translation>
    </message>
    <message>
        <source>Where the model looked most when it chose its answer. It is not an outline of disease. Low attention is not coloured.</source>
        <translation>Dónde miró más el modelo al elegir su respuesta. No es el contorno de una enfermedad. La atención baja no se colorea.</translation>
    </message>
    <message>
        <source>Heatmap for {label}:</source>
        <translation>Mapa de calor para {label}:</translation>
    </message>
    <message>
        <source>Heatmap:</source>
        <translation>Mapa de calor:</translation>
    </message>
    <message>
        <source>low</source>
        <translation>baja</translation>
    </message>
    <message>
        <source>high attention</source>
        <translation>atención alta</translation>
    </message>
</context>
<context>
    <name>HistoryExporting</name>
    <message>
        <source>Export history</source>
        <translation>Exportar historial</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The history could not be exported to {path}: {reason}. The previous file, if any, is unchanged.</source>
        <translation>No se pudo exportar el historial a {path}: {reason}. El archivo anterior, si existe, no se ha modificado.</translation>
    </message>
    <message>
        <source>1 result exported to {path}</source>
        <translation>1 resultado exportado a {path}</translation>
    </message>
    <message>
        <source>{count} results matching the History search and filters exported to {path}</source>
        <translation>{count} resultados que coinciden con la búsqueda y los filtros del Historial exportados a {path}</translation>
    </message>
    <message>
        <source>{count} results exported to {path}</source>
        <translation>{count} resultados exportados a {path}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Top p</source>
        <translation>p máx.</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Centro</translation>
    </message>
    <message>
        <source>Not a frontal chest X-ray</source>
        <translation>No es una radiografía de tórax frontal</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Search file, result, model or site…</source>
        <translation>Buscar archivo, resultado, modelo o centro…</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>Buscar en el historial</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Todos los resultados</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Completados</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazados</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errores</translation>
    </message>
    <message>
        <source>Filter by result</source>
        <translation>Filtrar por resultado</translation>
    </message>
    <message>
        <source>Any result</source>
        <translation>Cualquier resultado</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export history as CSV</source>
        <translation>Exportar el historial como CSV</translation>
    </message>
    <message>
        <source>History of results</source>
        <translation>Historial de resultados</translation>
    </message>
    <message>
        <source>{shown} of {total} results</source>
        <translation>{shown} de {total} resultados</translation>
    </message>
    <message>
        <source>{total} results</source>
        <translation>{total} resultados</translation>
    </message>
    <message>
        <source>the history could not be read ({error})</source>
        <translation>no se pudo leer el historial ({error})</translation>
    </message>
    <message>
        <source>permission was denied</source>
        <translation>se denegó el permiso</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>se agotó la cuota de disco</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>el disco está lleno</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>el disco es de solo lectura</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>la carpeta no existe</translation>
    </message>
    <message>
        <source>that name is a folder</source>
        <translation>ese nombre es el de una carpeta</translation>
    </message>
</context>
<context>
    <name>HistoryProblem</name>
    <message>
        <source>the disk holding {folder} is full. Free some disk space; saving starts again by itself.</source>
        <translation>el disco que contiene {folder} está lleno. Libere espacio en disco; el guardado se reanudará por sí solo.</translation>
    </message>
    <message>
        <source>the history file {path} is damaged. Quit CXR Triage, move that file aside (rename it) and start CXR Triage again: it starts a new, empty history.</source>
        <translation>el archivo de historial {path} está dañado. Cierre CXR Triage, aparte ese archivo (cámbiele el nombre) y vuelva a iniciar CXR Triage: empezará un historial nuevo y vacío.</translation>
    </message>
    <message>
        <source>the history file {path} is in use by another program. Close that program; saving starts again by itself.</source>
        <translation>el archivo de historial {path} está siendo usado por otro programa. Cierre ese programa; el guardado se reanudará por sí solo.</translation>
    </message>
    <message>
        <source>the folder {folder} cannot be written. Check the permissions of that folder (and that its disk is not read-only or full).</source>
        <translation>no se puede escribir en la carpeta {folder}. Compruebe los permisos de esa carpeta (y que su disco no sea de solo lectura ni esté lleno).</translation>
    </message>
    <message>
        <source>the history file {path} could not be written ({detail}). Check that folder&apos;s permissions and free disk space.</source>
        <translation>no se pudo escribir el archivo de historial {path} ({detail}). Compruebe los permisos de esa carpeta y el espacio libre en disco.</translation>
    </message>
    <message>
        <source>Results are shown but NOT saved to the history: {reason}</source>
        <translation>Los resultados se muestran pero NO se guardan en el historial: {reason}</translation>
    </message>
    <message>
        <source>The history cannot be shown: {reason}</source>
        <translation>No se puede mostrar el historial: {reason}</translation>
    </message>
    <message>
        <source>History problem</source>
        <translation>Problema con el historial</translation>
    </message>
    <message>
        <source>Results not saved</source>
        <translation>Resultados no guardados</translation>
    </message>
</context>
<context>
    <name>ImageDetails</name>
    <message>
        <source>Modality</source>
        <translation>Modalidad</translation>
    </message>
    <message>
        <source>Body part</source>
        <translation>Región anatómica</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Proyección</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Fecha del estudio</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Fabricante</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nombre del paciente</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID del paciente</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
</context>
<context>
    <name>LabelledJob</name>
    <message>
        <source>Loading the model…</source>
        <translation>Cargando el modelo…</translation>
    </message>
    <message>
        <source>Listing the labelled films…</source>
        <translation>Listando las radiografías etiquetadas…</translation>
    </message>
    <message>
        <source>Adapting: {done} of {total} cross-validation fits</source>
        <translation>Adaptando: {done} de {total} ajustes de validación cruzada</translation>
    </message>
    <message>
        <source>{done} of {total} films read</source>
        <translation>{done} de {total} radiografías leídas</translation>
    </message>
    <message>
        <source>There are no labelled films to use in {source}: put each film in a folder named after its label (normal, pneumonia, covid19), or list them in a CSV with columns path,label.</source>
        <translation>No hay radiografías etiquetadas que usar en {source}: ponga cada radiografía en una carpeta con el nombre de su etiqueta (normal, pneumonia, covid19), o enumérelas en un CSV con las columnas path,label.</translation>
    </message>
</context>
<context>
    <name>LabelledJobDialog</name>
    <message>
        <source>A folder of label folders, or a CSV list</source>
        <translation>Una carpeta con una carpeta por etiqueta, o una lista CSV</translation>
    </message>
    <message>
        <source>Labelled films</source>
        <translation>Radiografías etiquetadas</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Carpeta…</translation>
    </message>
    <message>
        <source>CSV list…</source>
        <translation>Lista CSV…</translation>
    </message>
    <message>
        <source>Labelled films:</source>
        <translation>Radiografías etiquetadas:</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop after the film being read now; nothing is kept</source>
        <translation>Detener después de la radiografía que se está leyendo; no se guarda nada</translation>
    </message>
    <message>
        <source>Films not used</source>
        <translation>Radiografías no usadas</translation>
    </message>
    <message>
        <source>Choose the labelled films first.</source>
        <translation>Elija primero las radiografías etiquetadas.</translation>
    </message>
    <message>
        <source>Folder of labelled films (one folder per label)</source>
        <translation>Carpeta de radiografías etiquetadas (una carpeta por etiqueta)</translation>
    </message>
    <message>
        <source>List of labelled films</source>
        <translation>Lista de radiografías etiquetadas</translation>
    </message>
    <message>
        <source>CSV lists (*.csv *.txt);;All files (*)</source>
        <translation>Listas CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
    <message>
        <source>Stopping after the film being read now…</source>
        <translation>Deteniendo después de la radiografía que se está leyendo…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was kept; press the button again to start over.</source>
        <translation>Detenido. No se guardó nada; presione de nuevo el botón para empezar otra vez.</translation>
    </message>
    <message>
        <source>Films or lines not used ({count}):</source>
        <translation>Radiografías o líneas no usadas ({count}):</translation>
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
        <translation>Cargando el modelo…</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Lectura</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Disclaimer</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>No image files found in what was opened (PNG, JPEG, TIFF, BMP or DICOM).</source>
        <translation>No se encontraron archivos de imagen en lo que se abrió (PNG, JPEG, TIFF, BMP o DICOM).</translation>
    </message>
    <message>
        <source>Model {version}</source>
        <translation>Modelo {version}</translation>
    </message>
    <message>
        <source>Ready. Drop chest X-rays or press Ctrl+O.</source>
        <translation>Listo. Arrastre radiografías de tórax o presione Ctrl+O.</translation>
    </message>
    <message numerus="yes">
        <source>Ready. %n film(s) from the last session listed. Drop chest X-rays or press Ctrl+O.</source>
        <translation>
            <numerusform>Listo. %n radiografía de la última sesión en la lista. Arrastre radiografías de tórax o presione Ctrl+O.</numerusform>
            <numerusform>Listo. %n radiografías de la última sesión en la lista. Arrastre radiografías de tórax o presione Ctrl+O.</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop chest X-ray files or folders here, or press Ctrl+O.</source>
        <translation>Arrastre aquí archivos o carpetas de radiografías de tórax, o presione Ctrl+O.</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Sin modelo</translation>
    </message>
    <message>
        <source>Model refused</source>
        <translation>Modelo rechazado</translation>
    </message>
    <message>
        <source>About CXR Triage</source>
        <translation>Acerca de CXR Triage</translation>
    </message>
    <message>
        <source>CXR Triage — offline chest X-ray triage.

</source>
        <translation>CXR Triage — triaje de radiografías de tórax sin conexión.

</translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>Films</source>
        <translation>Radiografías</translation>
    </message>
    <message>
        <source>Right calls (accuracy)</source>
        <translation>Clasificaciones correctas (exactitud)</translation>
    </message>
    <message>
        <source>Macro-F1 (balance over the classes)</source>
        <translation>Macro-F1 (equilibrio entre las clases)</translation>
    </message>
    <message>
        <source>COVID-19 films found (sensitivity)</source>
        <translation>Radiografías de COVID-19 encontradas (sensibilidad)</translation>
    </message>
    <message>
        <source>COVID-19 calls that were right (PPV)</source>
        <translation>Clasificaciones de COVID-19 correctas (VPP)</translation>
    </message>
    <message>
        <source>Healthy adults called normal</source>
        <translation>Adultos sanos clasificados como normales</translation>
    </message>
    <message>
        <source>Healthy adult films</source>
        <translation>Radiografías de adultos sanos</translation>
    </message>
    <message>
        <source>Normal films called normal</source>
        <translation>Radiografías normales clasificadas como normales</translation>
    </message>
    <message>
        <source>Sick films called sick</source>
        <translation>Radiografías patológicas clasificadas como patológicas</translation>
    </message>
    <message>
        <source>Calibration error (ECE)</source>
        <translation>Error de calibración (ECE)</translation>
    </message>
    <message>
        <source>Calibration error before calibration</source>
        <translation>Error de calibración antes de calibrar</translation>
    </message>
    <message>
        <source>Log-loss</source>
        <translation>Log-loss</translation>
    </message>
    <message>
        <source>Log-loss before calibration</source>
        <translation>Log-loss antes de calibrar</translation>
    </message>
    <message>
        <source>Errors made at over 90 % confidence</source>
        <translation>Errores cometidos con una confianza superior al 90 %</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errores</translation>
    </message>
    <message>
        <source>Calibration temperature</source>
        <translation>Temperatura de calibración</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>Pneumonia films found</source>
        <translation>Radiografías de neumonía encontradas</translation>
    </message>
    <message>
        <source>Mean error against radiologists</source>
        <translation>Error medio frente a los radiólogos</translation>
    </message>
    <message>
        <source>Correlation with radiologists (r)</source>
        <translation>Correlación con los radiólogos (r)</translation>
    </message>
    <message>
        <source>Films with a radiologist&apos;s score</source>
        <translation>Radiografías con puntuación de un radiólogo</translation>
    </message>
    <message>
        <source>Mean estimate on normal films</source>
        <translation>Estimación media en radiografías normales</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Umbral</translation>
    </message>
    <message>
        <source>Normal films called normal when 97 % of pneumonia is found</source>
        <translation>Radiografías normales clasificadas como normales cuando se encuentra el 97 % de las neumonías</translation>
    </message>
    <message>
        <source>Pneumonia threshold for 97 % found</source>
        <translation>Umbral de neumonía para encontrar el 97 %</translation>
    </message>
    <message>
        <source>Test chest X-rays accepted</source>
        <translation>Radiografías de tórax de prueba aceptadas</translation>
    </message>
    <message>
        <source>Children&apos;s films (Kermany official test set)</source>
        <translation>Radiografías pediátricas (conjunto de prueba oficial de Kermany)</translation>
    </message>
    <message>
        <source>Refusal of non-chest pictures</source>
        <translation>Rechazo de imágenes que no son de tórax</translation>
    </message>
    <message>
        <source>Severity estimate</source>
        <translation>Estimación de la gravedad</translation>
    </message>
    <message>
        <source>Heatmap weight on the film&apos;s border</source>
        <translation>Peso del mapa de calor en el borde de la radiografía</translation>
    </message>
    <message>
        <source>Hospitals the model never saw (held out)</source>
        <translation>Hospitales que el modelo nunca vio (excluidos)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Number of {what}</source>
        <translation>Número de {what}</translation>
    </message>
    <message>
        <source>This model looks at one frontal chest X-ray and says whether it shows no sign of pneumonia, a pneumonia pattern, or a COVID-19 pneumonia pattern. It shows where it looked (the heatmap), estimates how much of the lungs is involved, and refuses pictures that are not frontal chest X-rays.</source>
        <translation>Este modelo examina una radiografía de tórax frontal e indica si no muestra signos de neumonía, si muestra un patrón de neumonía o un patrón de neumonía por COVID-19. Muestra dónde miró (el mapa de calor), estima qué parte de los pulmones está afectada y rechaza las imágenes que no son radiografías de tórax frontales.</translation>
    </message>
    <message>
        <source>In short</source>
        <translation>En resumen</translation>
    </message>
    <message>
        <source>How often it is right</source>
        <translation>Con qué frecuencia acierta</translation>
    </message>
    <message>
        <source>On {n} test films it had never seen during training, from the same hospitals as its training films, it was right {acc} of the time.</source>
        <translation>En {n} radiografías de prueba que nunca había visto durante el entrenamiento, de los mismos hospitales que sus radiografías de entrenamiento, acertó el {acc} de las veces.</translation>
    </message>
    <message>
        <source>{label}: {recall}</source>
        <translation>{label}: {recall}</translation>
    </message>
    <message>
        <source>Share of each kind of film it called right: {list}.</source>
        <translation>Proporción de cada tipo de radiografía clasificada correctamente: {list}.</translation>
    </message>
    <message>
        <source>On hospitals it has never seen it does much worse: in the model card&apos;s leave-one-source-out tests it found fewer than half of an unseen hospital&apos;s COVID-19 films, and called most healthy adults from an unseen hospital something other than normal.</source>
        <translation>En hospitales que nunca ha visto funciona mucho peor: en las pruebas de la ficha del modelo que dejan fuera una fuente cada vez, encontró menos de la mitad de las radiografías de COVID-19 de un hospital no visto y clasificó a la mayoría de los adultos sanos de un hospital no visto como algo distinto de normal.</translation>
    </message>
    <message>
        <source>It knows three answers only; “no sign of pneumonia” does not mean a healthy chest.</source>
        <translation>Solo conoce tres respuestas; “sin signos de neumonía” no significa un tórax sano.</translation>
    </message>
    <message>
        <source>Trained on public frontal chest X-ray collections; lateral views, CT and other body parts are outside what it knows, and it refuses films it detects as such.</source>
        <translation>Entrenado con colecciones públicas de radiografías de tórax frontales; las proyecciones laterales, la TC y otras partes del cuerpo quedan fuera de lo que conoce, y rechaza las imágenes que reconoce como tales.</translation>
    </message>
    <message>
        <source>Its probabilities are calibrated on the validation split; on X-ray machines and populations unlike the training data they can be far off.</source>
        <translation>Sus probabilidades están calibradas en el conjunto de validación; con equipos de rayos X y poblaciones distintos de los datos de entrenamiento pueden alejarse mucho de la realidad.</translation>
    </message>
    <message>
        <source>The heatmap shows where the model looked, not the outline of disease. When it lies mostly outside the lungs, the app says so: treat that call with caution.</source>
        <translation>El mapa de calor muestra dónde miró el modelo, no el contorno de la enfermedad. Cuando queda mayormente fuera de los pulmones, la aplicación lo indica: trate ese resultado con precaución.</translation>
    </message>
    <message>
        <source>Severity was learnt from radiologists&apos; scores of COVID-19 films only; it is a rough estimate of the share of the lung fields involved, not a measurement, and is shown only with a pneumonia-type call.</source>
        <translation>La gravedad se aprendió solo de las puntuaciones de radiólogos en radiografías de COVID-19; es una estimación aproximada de la proporción de los campos pulmonares afectada, no una medición, y solo se muestra con un resultado de tipo neumonía.</translation>
    </message>
    <message>
        <source>Known limits</source>
        <translation>Limitaciones conocidas</translation>
    </message>
    <message>
        <source>{label} called from {p}</source>
        <translation>{label} se asigna a partir de {p}</translation>
    </message>
    <message>
        <source>none: the most probable class is called</source>
        <translation>ninguno: se asigna la clase más probable</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Arquitectura</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>Tamaño de entrada</translation>
    </message>
    <message>
        <source>Refusal threshold (out-of-distribution score)</source>
        <translation>Umbral de rechazo (puntuación fuera de distribución)</translation>
    </message>
    <message>
        <source>Operating points</source>
        <translation>Puntos de operación</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Training data (manifest SHA-256)</source>
        <translation>Datos de entrenamiento (SHA-256 del manifiesto)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Indicador</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>Conjunto de prueba</translation>
    </message>
    <message>
        <source>This model file carries no metrics.</source>
        <translation>Este archivo de modelo no incluye métricas.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Films of it called right</source>
        <translation>Radiografías de esta clase bien clasificadas</translation>
    </message>
    <message>
        <source>Its calls that were right</source>
        <translation>Asignaciones a esta clase correctas</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Por clase</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Aciertos</translation>
    </message>
    <message>
        <source>Normal called normal</source>
        <translation>Normales clasificadas normales</translation>
    </message>
    <message>
        <source>Sick called sick</source>
        <translation>Patológicas clasificadas patológicas</translation>
    </message>
    <message>
        <source>Per source (hospital collection)</source>
        <translation>Por fuente (colección hospitalaria)</translation>
    </message>
    <message>
        <source>About the model</source>
        <translation>Acerca del modelo</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>No hay ningún modelo cargado.</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Detalles técnicos</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Propiedad</translation>
    </message>
    <message>
        <source>The full model card</source>
        <translation>La ficha completa del modelo</translation>
    </message>
</context>
<context>
    <name>ModelCardDialog</name>
    <message>
        <source>About the model</source>
        <translation>Acerca del modelo</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Ficha del modelo</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Class probabilities</source>
        <translation>Probabilidades por clase</translation>
    </message>
    <message>
        <source>Probability of {name}</source>
        <translation>Probabilidad de {name}</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cor&amp;tar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Pegar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Seleccionar todo</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cor&amp;tar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copiar la dirección del &amp;enlace</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Pegar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Seleccionar todo</translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <source>Quit CXR Triage</source>
        <translation>Salir de CXR Triage</translation>
    </message>
    <message>
        <source>Films are still being read.</source>
        <translation>Todavía se están leyendo radiografías.</translation>
    </message>
    <message>
        <source>If you quit now, the films not read yet are not read and leave the worklist. The films already read come back at the next start.</source>
        <translation>Si sale ahora, las radiografías aún no leídas no se leerán y saldrán de la lista de trabajo. Las radiografías ya leídas volverán en el próximo inicio.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Keep reading</source>
        <translation>Seguir leyendo</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>hidden (privacy setting)</source>
        <translation>oculto (ajuste de privacidad)</translation>
    </message>
    <message>
        <source>Model version</source>
        <translation>Versión del modelo</translation>
    </message>
    <message>
        <source>Site profile</source>
        <translation>Perfil del centro</translation>
    </message>
    <message>
        <source>Read on</source>
        <translation>Leída el</translation>
    </message>
    <message>
        <source>CXR Triage report</source>
        <translation>Informe de CXR Triage</translation>
    </message>
    <message>
        <source>the PDF could not be started in {folder}</source>
        <translation>no se pudo crear el PDF en {folder}</translation>
    </message>
    <message>
        <source>CXR Triage — chest X-ray triage report</source>
        <translation>CXR Triage — informe de triaje de radiografía de tórax</translation>
    </message>
    <message>
        <source>Printed {date}</source>
        <translation>Impreso el {date}</translation>
    </message>
    <message>
        <source>The image could not be read.</source>
        <translation>No se pudo leer la imagen.</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>Radiografía</translation>
    </message>
    <message>
        <source>Heatmap for {label}: where the model looked (uncoloured = low attention)</source>
        <translation>Mapa de calor para {label}: dónde miró el modelo (sin color = atención baja)</translation>
    </message>
    <message>
        <source>This film was not read.</source>
        <translation>Esta radiografía no se leyó.</translation>
    </message>
    <message>
        <source>Severity: {words}</source>
        <translation>Gravedad: {words}</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Lector</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
</context>
<context>
    <name>ReportDetailsDialog</name>
    <message>
        <source>Report details</source>
        <translation>Detalles del informe</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nombre del paciente</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID del paciente</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Optional: what the reader wants on the report</source>
        <translation>Opcional: lo que el lector quiere en el informe</translation>
    </message>
    <message>
        <source>Reader name</source>
        <translation>Nombre del lector</translation>
    </message>
    <message>
        <source>Patient data is hidden (Settings): the patient fields are not taken from the film. Type them only if this report needs them.</source>
        <translation>Los datos del paciente están ocultos (Configuración): los campos del paciente no se toman de la radiografía. Escríbalos solo si este informe los necesita.</translation>
    </message>
    <message>
        <source>Patient fields are taken from the film&apos;s DICOM tags where it has them.</source>
        <translation>Los campos del paciente se toman de las etiquetas DICOM de la radiografía cuando las tiene.</translation>
    </message>
    <message>
        <source>All fields are optional. </source>
        <translation>Todos los campos son opcionales. </translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Lector</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
</context>
<context>
    <name>ReportExporting</name>
    <message>
        <source>Select a film that has been read to export its report.</source>
        <translation>Seleccione una radiografía ya leída para exportar su informe.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No film that has been read is selected.</source>
        <translation>No hay ninguna radiografía leída seleccionada.</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Informe guardado: {path}</translation>
    </message>
</context>
<context>
    <name>ReportJob</name>
    <message>
        <source>{reason}: the disk is full</source>
        <translation>{reason}: el disco está lleno</translation>
    </message>
    <message>
        <source>The report was NOT saved: {reason}. Any earlier {name} was left as it was.</source>
        <translation>El informe NO se guardó: {reason}. Cualquier {name} anterior se dejó como estaba.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Hide patient data (name, ID, birth date)</source>
        <translation>Ocultar datos del paciente (nombre, ID, fecha de nacimiento)</translation>
    </message>
    <message>
        <source>Hide patient data</source>
        <translation>Ocultar datos del paciente</translation>
    </message>
    <message>
        <source>When on, DICOM patient name, ID and birth date are not shown in the window and not printed in reports (a report prints only what you type into its details). They are never stored in the history.</source>
        <translation>Si está activado, el nombre, el ID y la fecha de nacimiento del paciente que vienen del DICOM no se muestran en la ventana ni se imprimen en los informes (un informe solo imprime lo que usted escriba en sus detalles). Nunca se guardan en el historial.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System default ({language})</source>
        <translation>Idioma del sistema ({language})</translation>
    </message>
    <message>
        <source>A new language shows the next time CXR Triage starts.</source>
        <translation>El nuevo idioma se mostrará la próxima vez que se inicie CXR Triage.</translation>
    </message>
    <message>
        <source>Reader name for reports</source>
        <translation>Nombre del lector para los informes</translation>
    </message>
    <message>
        <source>printed on reports above the signature line</source>
        <translation>se imprime en los informes sobre la línea de firma</translation>
    </message>
    <message>
        <source>Reports and History exports (CSV) are saved here first; the folder you last saved one to is remembered.</source>
        <translation>Los informes y las exportaciones del historial (CSV) se proponen primero en esta carpeta; se recuerda la última carpeta en la que guardó uno.</translation>
    </message>
    <message>
        <source>Site profile</source>
        <translation>Perfil del centro</translation>
    </message>
    <message>
        <source>Change it in Tools ▸ Load site profile…, or go back to the model&apos;s own head in Tools ▸ Use the model&apos;s own head.</source>
        <translation>Cámbielo en Herramientas ▸ Cargar perfil de centro…, o vuelva a la capa original del modelo en Herramientas ▸ Usar la capa original del modelo.</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacidad</translation>
    </message>
    <message>
        <source>Reader name</source>
        <translation>Nombre del lector</translation>
    </message>
    <message>
        <source>Report folder</source>
        <translation>Carpeta de informes</translation>
    </message>
    <message>
        <source>History database</source>
        <translation>Base de datos del historial</translation>
    </message>
</context>
<context>
    <name>SeverityGauge</name>
    <message>
        <source>Severity gauge</source>
        <translation>Indicador de gravedad</translation>
    </message>
    <message>
        <source>Share of the lung fields that look involved, as estimated by the model: 0 % = clear lungs, 100 % = every part of both lungs. Learnt from radiologists&apos; scores of COVID-19 films only.</source>
        <translation>Proporción de los campos pulmonares que parecen afectados, estimada por el modelo: 0 % = pulmones limpios, 100 % = todas las zonas de ambos pulmones. Aprendida solo de puntuaciones de radiólogos en radiografías de COVID-19.</translation>
    </message>
    <message>
        <source>of lung fields · {band}</source>
        <translation>de los campos pulmonares · {band}</translation>
    </message>
</context>
<context>
    <name>Site</name>
    <message>
        <source>{name} (1 film, {date})</source>
        <translation>{name} (1 radiografía, {date})</translation>
    </message>
    <message>
        <source>{name} ({films} films, {date})</source>
        <translation>{name} ({films} radiografías, {date})</translation>
    </message>
    <message>
        <source>Adapted to: {summary}</source>
        <translation>Adaptado a: {summary}</translation>
    </message>
    <message>
        <source>Probabilities (adapted to {site})</source>
        <translation>Probabilidades (adaptadas a {site})</translation>
    </message>
    <message>
        <source>Model&apos;s own: {probabilities}</source>
        <translation>Probabilidades originales del modelo: {probabilities}</translation>
    </message>
    <message>
        <source>Made with the site profile {summary}.</source>
        <translation>Obtenido con el perfil de centro {summary}.</translation>
    </message>
    <message>
        <source>The heatmap shows what drove the model&apos;s own most probable class ({own}), not the adapted call ({adapted}).</source>
        <translation>El mapa de calor muestra qué determinó la clase más probable para el modelo original ({own}), no el resultado adaptado ({adapted}).</translation>
    </message>
    <message>
        <source>None: the model&apos;s own class head</source>
        <translation>Ninguno: capa de clasificación original del modelo</translation>
    </message>
</context>
<context>
    <name>SiteHandling</name>
    <message>
        <source>Site profile in use</source>
        <translation>Perfil del centro en uso</translation>
    </message>
    <message>
        <source>Load site profile</source>
        <translation>Cargar perfil de centro</translation>
    </message>
    <message>
        <source>Site profiles (*.json);;All files (*)</source>
        <translation>Perfiles de centro (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Site profile cleared: films read from now on get the model&apos;s own probabilities.</source>
        <translation>Perfil del centro quitado: las radiografías leídas a partir de ahora reciben las probabilidades originales del modelo.</translation>
    </message>
    <message>
        <source>Site profile {summary} applied, as chosen last time.</source>
        <translation>Perfil de centro {summary} aplicado, como se eligió la última vez.</translation>
    </message>
    <message>
        <source>Site profile applied to the films read from now on.</source>
        <translation>Perfil del centro aplicado a las radiografías leídas a partir de ahora.</translation>
    </message>
    <message>
        <source>The site profile chosen last time cannot be found now ({path}); it is tried again at the next start. Films are read with the model&apos;s own class head.</source>
        <translation>El perfil de centro elegido la última vez no se encuentra ahora ({path}); se buscará de nuevo en el próximo inicio. Las radiografías se leen con la capa de clasificación original del modelo.</translation>
    </message>
    <message>
        <source>The site profile chosen last time is not applied: {reason} Films are read with the model&apos;s own class head.</source>
        <translation>El perfil de centro elegido la última vez no se aplica: {reason} Las radiografías se leen con la capa de clasificación original del modelo.</translation>
    </message>
    <message>
        <source>{reason} The site profile {summary} stays in use.</source>
        <translation>{reason} El perfil de centro {summary} sigue en uso.</translation>
    </message>
    <message>
        <source>{reason} Films are read with the model&apos;s own class head.</source>
        <translation>{reason} Las radiografías se leen con la capa de clasificación original del modelo.</translation>
    </message>
    <message>
        <source>Site profile not applied</source>
        <translation>Perfil del centro no aplicado</translation>
    </message>
</context>
<context>
    <name>SiteSentences</name>
    <message>
        <source>On your {scored} films, normal films called normal</source>
        <translation>En sus {scored} radiografías, radiografías normales clasificadas como normales</translation>
    </message>
    <message>
        <source>On your {scored} films, pneumonia films called pneumonia</source>
        <translation>En sus {scored} radiografías, radiografías de neumonía clasificadas como neumonía</translation>
    </message>
    <message>
        <source>On your {scored} films, COVID-19 films called COVID-19</source>
        <translation>En sus {scored} radiografías, radiografías de COVID-19 clasificadas como COVID-19</translation>
    </message>
    <message>
        <source>normal films</source>
        <translation>radiografías normales</translation>
    </message>
    <message>
        <source>pneumonia films</source>
        <translation>radiografías de neumonía</translation>
    </message>
    <message>
        <source>COVID-19 films</source>
        <translation>radiografías de COVID-19</translation>
    </message>
    <message>
        <source>films</source>
        <translation>radiografías</translation>
    </message>
    <message>
        <source>Right calls over all classes</source>
        <translation>Resultados correctos en todas las clases</translation>
    </message>
    <message>
        <source>not in this model&apos;s card</source>
        <translation>no figura en la ficha de este modelo</translation>
    </message>
    <message>
        <source>Checked with the site profile {name}. If these are the films it was adapted on, the figures flatter it: check it on other films.</source>
        <translation>Comprobado con el perfil de centro {name}. Si son las radiografías con las que se adaptó, las cifras lo favorecen: compruébelo con otras radiografías.</translation>
    </message>
    <message>
        <source>Checked with the site profile {name} on films it was not adapted on.</source>
        <translation>Comprobado con el perfil de centro {name} en radiografías con las que no se adaptó.</translation>
    </message>
    <message>
        <source>1 of these {films} films was used to adapt the site profile {name}, so the figures flatter it: check it on films it was not adapted on.</source>
        <translation>1 de estas {films} radiografías se usó para adaptar el perfil de centro {name}, así que las cifras lo favorecen: compruébelo con radiografías con las que no se adaptó.</translation>
    </message>
    <message>
        <source>{fitted} of these {films} films were used to adapt the site profile {name}, so the figures flatter it: check it on films it was not adapted on.</source>
        <translation>{fitted} de estas {films} radiografías se usaron para adaptar el perfil de centro {name}, así que las cifras lo favorecen: compruébelo con radiografías con las que no se adaptó.</translation>
    </message>
    <message>
        <source>Calibration error (ECE, 0 is perfect): {ece} on your films; the model card&apos;s test split: {card}.</source>
        <translation>Error de calibración (ECE, 0 es perfecto): {ece} en sus radiografías; conjunto de prueba de la ficha del modelo: {card}.</translation>
    </message>
    <message>
        <source>Severity on your {n} films with a severity: off by {points} points of lung involvement on average (MAE {mae}), r = {r}; the model card&apos;s test split: {card}.</source>
        <translation>Gravedad en sus {n} radiografías con gravedad: desviación media de {points} puntos de afectación pulmonar (MAE {mae}), r = {r}; conjunto de prueba de la ficha del modelo: {card}.</translation>
    </message>
    <message>
        <source>None of your scored films are {films}: nothing can be said about them.</source>
        <translation>Ninguna de sus radiografías evaluadas está entre las {films}: no se puede decir nada sobre ellas.</translation>
    </message>
    <message>
        <source>{subject}: {value} (95 % CI {interval}, {k} of {n}).</source>
        <translation>{subject}: {value} (IC 95 % {interval}, {k} de {n}).</translation>
    </message>
    <message>
        <source>Too few {films} to conclude: the interval spans {span} points; about {more} more {films} would narrow it to ±{target} points.</source>
        <translation>Demasiado pocas {films} para concluir: el intervalo abarca {span} puntos; unas {more} {films} más lo reducirían a ±{target} puntos.</translation>
    </message>
    <message>
        <source>The model card&apos;s test split: not in this model&apos;s card.</source>
        <translation>Conjunto de prueba de la ficha del modelo: no figura en la ficha de este modelo.</translation>
    </message>
    <message>
        <source>The model card&apos;s test split: {card}.</source>
        <translation>Conjunto de prueba de la ficha del modelo: {card}.</translation>
    </message>
    <message>
        <source>This model does not yet hold up on your films.</source>
        <translation>Este modelo todavía no es fiable en sus radiografías.</translation>
    </message>
    <message>
        <source>On your films it does better than on its test split.</source>
        <translation>En sus radiografías funciona mejor que en su conjunto de prueba.</translation>
    </message>
    <message>
        <source>That is within your interval: your films are consistent with it.</source>
        <translation>Ese valor está dentro de su intervalo: sus radiografías concuerdan con él.</translation>
    </message>
    <message>
        <source>{n} scored</source>
        <translation>{n} evaluadas</translation>
    </message>
    <message>
        <source>{n} refused as not a frontal chest X-ray (counted apart, not in the figures)</source>
        <translation>{n} rechazadas por no ser radiografías de tórax frontales (contadas aparte, fuera de las cifras)</translation>
    </message>
    <message>
        <source>{n} could not be read</source>
        <translation>{n} no se pudieron leer</translation>
    </message>
    <message>
        <source>Of your {n} labelled films: {parts}.</source>
        <translation>De sus {n} radiografías etiquetadas: {parts}.</translation>
    </message>
    <message>
        <source>Adapted on {n} films ({classes}); figures below are {folds}-fold cross-validated: each film was scored by a head fitted without it.</source>
        <translation>Adaptado con {n} radiografías ({classes}); las cifras de abajo son de validación cruzada de {folds} particiones: cada radiografía se evaluó con una capa de clasificación ajustada sin ella.</translation>
    </message>
    <message>
        <source>No adapted head did better than the model&apos;s own on your films, so adapting does not pay: keep the model as it is.</source>
        <translation>Ninguna capa adaptada superó a la del modelo en sus radiografías, así que adaptar no compensa: mantenga el modelo tal como está.</translation>
    </message>
    <message>
        <source>Normal films called normal: {before} before, {after} after ({k} of {n} films).</source>
        <translation>Radiografías normales clasificadas como normales: {before} antes, {after} después ({k} de {n} radiografías).</translation>
    </message>
    <message>
        <source>Pneumonia films found: {before} before, {after} after ({k} of {n} films).</source>
        <translation>Radiografías de neumonía detectadas: {before} antes, {after} después ({k} de {n} radiografías).</translation>
    </message>
    <message>
        <source>COVID-19 films found: {before} before, {after} after ({k} of {n} films).</source>
        <translation>Radiografías de COVID-19 detectadas: {before} antes, {after} después ({k} de {n} radiografías).</translation>
    </message>
    <message>
        <source>Warning: fewer {name} films are found after adapting. Use this profile only if you accept that.</source>
        <translation>Atención: tras adaptar se detectan menos radiografías de {name}. Use este perfil solo si lo acepta.</translation>
    </message>
    <message>
        <source>Kept as the model has them (too few of your films to adapt): {classes}.</source>
        <translation>Se mantienen como en el modelo (muy pocas radiografías suyas para adaptarlas): {classes}.</translation>
    </message>
    <message>
        <source>Films refused as not frontal chest X-rays, not used: {n}.</source>
        <translation>Radiografías rechazadas por no ser radiografías de tórax frontales, no usadas: {n}.</translation>
    </message>
    <message>
        <source>Films that could not be read, not used: {n}.</source>
        <translation>Radiografías que no se pudieron leer, no usadas: {n}.</translation>
    </message>
</context>
<context>
    <name>ViewerToolbar</name>
    <message>
        <source>Heatmap</source>
        <translation>Mapa de calor</translation>
    </message>
    <message>
        <source>Show heatmap overlay</source>
        <translation>Mostrar el mapa de calor superpuesto</translation>
    </message>
    <message>
        <source>Show where the model looked (H)</source>
        <translation>Mostrar dónde miró el modelo (H)</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>Opacidad del mapa de calor</translation>
    </message>
    <message>
        <source>Heatmap opacity: how strongly its colours cover the film</source>
        <translation>Opacidad del mapa de calor: cuánto cubren sus colores la radiografía</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacidad</translation>
    </message>
    <message>
        <source>Window width</source>
        <translation>Ancho de ventana</translation>
    </message>
    <message>
        <source>Window width (contrast). Or right-drag left/right on the image.</source>
        <translation>Ancho de ventana (contraste). O arrastre con el botón derecho a izquierda o derecha sobre la imagen.</translation>
    </message>
    <message>
        <source>Window level</source>
        <translation>Nivel de ventana</translation>
    </message>
    <message>
        <source>Window level (brightness). Or right-drag up/down on the image.</source>
        <translation>Nivel de ventana (brillo). O arrastre con el botón derecho hacia arriba o abajo sobre la imagen.</translation>
    </message>
    <message>
        <source>Zoom level</source>
        <translation>Nivel de zoom</translation>
    </message>
    <message>
        <source>Window/level (contrast and brightness)</source>
        <translation>Ventana/nivel (contraste y brillo)</translation>
    </message>
    <message>
        <source>Reset window/level</source>
        <translation>Restablecer ventana/nivel</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>Alejar (−)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Acercar (+)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Fit to window (0)</source>
        <translation>Ajustar a la ventana (0)</translation>
    </message>
    <message>
        <source>Contrast (window width)</source>
        <translation>Contraste (ancho de ventana)</translation>
    </message>
    <message>
        <source>Brightness (window level)</source>
        <translation>Brillo (nivel de ventana)</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Open files…</source>
        <translation>&amp;Abrir archivos…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>Abrir &amp;carpeta…</translation>
    </message>
    <message>
        <source>&amp;Export report (PDF)…</source>
        <translation>&amp;Exportar informe (PDF)…</translation>
    </message>
    <message>
        <source>Export history as &amp;CSV…</source>
        <translation>Exportar historial como CS&amp;V…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Most urgent first</source>
        <translation>Las más &amp;urgentes primero</translation>
    </message>
    <message>
        <source>Sort the worklist: COVID-19 and pneumonia calls first, then uncertain calls, refused and unreadable films, normal calls, films not read</source>
        <translation>Ordenar la lista de trabajo: primero los resultados de COVID-19 y neumonía, luego los resultados inciertos, las radiografías rechazadas e ilegibles, los resultados normales y las radiografías no leídas</translation>
    </message>
    <message>
        <source>&amp;Next film</source>
        <translation>Radiografía &amp;siguiente</translation>
    </message>
    <message>
        <source>&amp;Previous film</source>
        <translation>Radiografía &amp;anterior</translation>
    </message>
    <message>
        <source>F&amp;irst film</source>
        <translation>&amp;Primera radiografía</translation>
    </message>
    <message>
        <source>&amp;Last film</source>
        <translation>Ú&amp;ltima radiografía</translation>
    </message>
    <message>
        <source>&amp;Remove from worklist</source>
        <translation>&amp;Quitar de la lista de trabajo</translation>
    </message>
    <message>
        <source>&amp;Clear worklist</source>
        <translation>&amp;Vaciar la lista de trabajo</translation>
    </message>
    <message>
        <source>Toggle &amp;heatmap</source>
        <translation>Mostrar/ocultar &amp;mapa de calor</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Acercar</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Al&amp;ejar</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>A&amp;justar a la ventana</translation>
    </message>
    <message>
        <source>&amp;Load site profile…</source>
        <translation>Car&amp;gar perfil de centro…</translation>
    </message>
    <message>
        <source>Read films with a class head adapted to your clinic&apos;s films (a site profile made by “Adapt to our films”)</source>
        <translation>Leer las radiografías con una capa de clasificación adaptada a las radiografías de su centro (un perfil de centro creado con “Adaptar a nuestras radiografías”)</translation>
    </message>
    <message>
        <source>Use the model&apos;s own head (&amp;clear site profile)</source>
        <translation>Usar la capa original del modelo (&amp;quitar el perfil del centro)</translation>
    </message>
    <message>
        <source>Chec&amp;k the model on our films…</source>
        <translation>Com&amp;probar el modelo con nuestras radiografías…</translation>
    </message>
    <message>
        <source>&amp;Adapt to our films…</source>
        <translation>&amp;Adaptar a nuestras radiografías…</translation>
    </message>
    <message>
        <source>About the &amp;model…</source>
        <translation>Acerca del &amp;modelo…</translation>
    </message>
    <message>
        <source>&amp;About CXR Triage</source>
        <translation>Acerca de &amp;CXR Triage</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Worklist</source>
        <translation>&amp;Lista de trabajo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>This model has no embedding output, so it cannot be adapted to your films.</source>
        <translation>Este modelo no tiene salida de embeddings, así que no se puede adaptar a sus radiografías.</translation>
    </message>
    <message>
        <source>This version of CXR Triage cannot check or adapt the model.</source>
        <translation>Esta versión de CXR Triage no puede comprobar ni adaptar el modelo.</translation>
    </message>
    <message numerus="yes">
        <source>%n film(s) removed from the worklist; their results stay in the History tab.</source>
        <translation>
            <numerusform>%n radiografía quitada de la lista de trabajo; su resultado sigue en la pestaña Historial.</numerusform>
            <numerusform>%n radiografías quitadas de la lista de trabajo; sus resultados siguen en la pestaña Historial.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n film(s) waiting or being read stay listed; Cancel stops the batch.</source>
        <translation>
            <numerusform>%n radiografía en espera o en lectura sigue en la lista; Cancelar detiene el lote.</numerusform>
            <numerusform>%n radiografías en espera o en lectura siguen en la lista; Cancelar detiene el lote.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>This does not look like a frontal chest X-ray — result withheld</source>
        <translation>Esto no parece una radiografía de tórax frontal — no se da ningún resultado</translation>
    </message>
    <message>
        <source>COVID-19 calls are this model&apos;s least reliable: tested on a hospital collection it had not seen, it found fewer than half of the COVID-19 films, and it called many healthy adults from an unseen hospital COVID-19. Confirm with a COVID-19 test.</source>
        <translation>Los resultados de COVID-19 son los menos fiables de este modelo: probado con la colección de un hospital que no había visto, encontró menos de la mitad de las radiografías de COVID-19 y clasificó como COVID-19 a muchos adultos sanos de un hospital no visto. Confírmelo con una prueba de COVID-19.</translation>
    </message>
    <message>
        <source>Called {label} although {top} is more probable: this model calls {label} from a lower probability, set so that fewer {label} films are missed.</source>
        <translation>Clasificada como {label} aunque {top} es más probable: este modelo asigna {label} a partir de una probabilidad más baja, fijada para que se pasen por alto menos radiografías de {label}.</translation>
    </message>
    <message>
        <source>No sign of pneumonia</source>
        <translation>Sin signos de neumonía</translation>
    </message>
    <message>
        <source>Pneumonia pattern (not COVID-19)</source>
        <translation>Patrón de neumonía (no COVID-19)</translation>
    </message>
    <message>
        <source>COVID-19 pneumonia pattern</source>
        <translation>Patrón de neumonía por COVID-19</translation>
    </message>
    <message>
        <source>Uncertain — read carefully</source>
        <translation>Incierto — lea con atención</translation>
    </message>
    <message>
        <source>Most likely {label} ({p})</source>
        <translation>Lo más probable: {label} ({p})</translation>
    </message>
    <message>
        <source>, then {label} ({p})</source>
        <translation>, luego {label} ({p})</translation>
    </message>
    <message>
        <source>. Not sure enough for a firm call (below {threshold}).</source>
        <translation>. No hay certeza suficiente para un resultado firme (por debajo de {threshold}).</translation>
    </message>
    <message>
        <source>A result is worded firmly only when the model&apos;s calibrated probability for it is at least {threshold}; below that it reads “Uncertain — read carefully”. On the validation split, calls from {threshold} on were right at least 95 % of the time.</source>
        <translation>Un resultado se expresa de forma firme solo cuando la probabilidad calibrada del modelo para él es de al menos {threshold}; por debajo, indica “Incierto — lea con atención”. En el conjunto de validación, los resultados a partir de {threshold} fueron correctos al menos el 95 % de las veces.</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>no disponible</translation>
    </message>
    <message>
        <source>none measured</source>
        <translation>sin afectación medida</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leve</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>moderada</translation>
    </message>
    <message>
        <source>extensive</source>
        <translation>extensa</translation>
    </message>
    <message>
        <source>About {value} of the lung fields look involved ({band})</source>
        <translation>Alrededor del {value} de los campos pulmonares parece afectado ({band})</translation>
    </message>
    <message>
        <source>A rough estimate learnt from radiologists&apos; scores of COVID-19 films, not a measurement.</source>
        <translation>Una estimación aproximada aprendida de puntuaciones de radiólogos en radiografías de COVID-19, no una medición.</translation>
    </message>
    <message>
        <source>Learnt from COVID-19 films only: for other pneumonia this estimate is a rough guide at best.</source>
        <translation>Aprendida solo con radiografías de COVID-19: para otras neumonías esta estimación es, como mucho, una guía aproximada.</translation>
    </message>
    <message>
        <source>Where the model looked; not an outline of disease.</source>
        <translation>Dónde miró el modelo; no es el contorno de una enfermedad.</translation>
    </message>
    <message>
        <source>Coloured where the model looked for {label}, its most probable class; not an outline of disease.</source>
        <translation>Coloreado donde el modelo miró para {label}, su clase más probable; no es el contorno de una enfermedad.</translation>
    </message>
    <message>
        <source>The model looked mostly outside the lungs — treat this call with caution.</source>
        <translation>El modelo miró sobre todo fuera de los pulmones — trate este resultado con precaución.</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Pneumonia</source>
        <translation>Neumonía</translation>
    </message>
    <message>
        <source>COVID-19</source>
        <translation>COVID-19</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>done</source>
        <translation>completado</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>Check that it is a chest X-ray image (PNG, JPEG, TIFF, BMP or DICOM). If it is, export it again from the X-ray system and open the new file; until then a clinician reads it without the app.</source>
        <translation>Compruebe que sea una imagen de radiografía de tórax (PNG, JPEG, TIFF, BMP o DICOM). Si lo es, expórtela de nuevo desde el equipo de rayos X y abra el archivo nuevo; mientras tanto, un clínico la lee sin la aplicación.</translation>
    </message>
</context>
<context>
    <name>Worklist</name>
    <message>
        <source>Duplicate</source>
        <translation>Duplicado</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>Sin resultado</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Incierto</translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Ilegible</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>No leída</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>Lista de trabajo</translation>
    </message>
    <message>
        <source>Read in an earlier session while patient data was hidden, so its file name was not kept and its image cannot be shown. Open the film again from its folder to see it.</source>
        <translation>Leída en una sesión anterior mientras los datos del paciente estaban ocultos, por lo que no se guardó su nombre de archivo y no se puede mostrar su imagen. Vuelva a abrir la radiografía desde su carpeta para verla.</translation>
    </message>
    <message>
        <source>Read in an earlier session; the file is no longer at {path}. Open it again from where it is now to see its image.</source>
        <translation>Leída en una sesión anterior; el archivo ya no está en {path}. Vuelva a abrirlo desde donde esté ahora para ver su imagen.</translation>
    </message>
    <message>
        <source>Duplicate of {name}</source>
        <translation>Duplicado de {name}</translation>
    </message>
    <message>
        <source>The same file (identical SHA-256) as {name}, listed earlier.</source>
        <translation>El mismo archivo (SHA-256 idéntico) que {name}, listado antes.</translation>
    </message>
    <message>
        <source>Read in an earlier session.</source>
        <translation>Leída en una sesión anterior.</translation>
    </message>
    <message>
        <source>Waiting to be read.</source>
        <translation>En espera de lectura.</translation>
    </message>
    <message>
        <source>Being read now.</source>
        <translation>En lectura ahora.</translation>
    </message>
    <message>
        <source>Not read: the batch was cancelled. Open the film again to read it.</source>
        <translation>No leída: el lote se canceló. Vuelva a abrir la radiografía para leerla.</translation>
    </message>
    <message>
        <source>Sort most urgent first</source>
        <translation>Ordenar las más urgentes primero</translation>
    </message>
    <message>
        <source>The model&apos;s call; sorted by it, the list is most urgent first</source>
        <translation>El resultado del modelo; ordenada por él, la lista muestra primero lo más urgente</translation>
    </message>
    <message>
        <source>The calibrated probability of the call</source>
        <translation>La probabilidad calibrada del resultado</translation>
    </message>
    <message>
        <source>The estimated share of the lung fields involved (pneumonia calls only)</source>
        <translation>La proporción estimada de los campos pulmonares afectados (solo resultados de neumonía)</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confianza</translation>
    </message>
    <message>
        <source>Extent</source>
        <translation>Extensión</translation>
    </message>
</context>
<context>
    <name>XrayViewer</name>
    <message>
        <source>X-ray viewer</source>
        <translation>Visor de radiografías</translation>
    </message>
</context>
</TS>
