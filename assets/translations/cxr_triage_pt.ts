<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>No model file found at {path}. {how}</source>
        <comment>Worker</comment>
        <translation>Nenhum arquivo de modelo encontrado em {path}. {how}</translation>
    </message>
    <message>
        <source>The model file {name} could not be loaded ({error}).</source>
        <comment>Worker</comment>
        <translation>Não foi possível carregar o arquivo de modelo {name} ({error}).</translation>
    </message>
    <message>
        <source>No model is loaded, so a site profile cannot be applied.</source>
        <comment>Worker</comment>
        <translation>Nenhum modelo carregado, por isso não é possível aplicar um perfil de local.</translation>
    </message>
    <message>
        <source>The site profile {path} could not be used ({error}).</source>
        <comment>Worker</comment>
        <translation>Não foi possível usar o perfil de local {path} ({error}).</translation>
    </message>
    <message>
        <source>The files could not be listed ({reason}).</source>
        <comment>Worker</comment>
        <translation>Não foi possível listar os arquivos ({reason}).</translation>
    </message>
    <message>
        <source>The file could not be opened ({reason}).</source>
        <comment>Worker</comment>
        <translation>Não foi possível abrir o arquivo ({reason}).</translation>
    </message>
    <message>
        <source>This film could not be read ({error}).</source>
        <comment>Worker</comment>
        <translation>Não foi possível ler esta radiografia ({error}).</translation>
    </message>
</context>
<context>
    <name>AdaptDialog</name>
    <message>
        <source>Adapt to our films</source>
        <translation>Adaptar às nossas radiografias</translation>
    </message>
    <message>
        <source>Adapt</source>
        <translation>Adaptar</translation>
    </message>
    <message>
        <source>Adapting stopped: {error}</source>
        <translation>A adaptação foi interrompida: {error}</translation>
    </message>
    <message>
        <source>Fit the model&apos;s last step to films of your own whose diagnosis you know: at least 40 films, with 10 or more of each class to adapt. The figures shown are cross-validated: each film is scored by a fit made without it. Nothing changes until you save the profile and choose to use it.</source>
        <translation>Ajuste a última etapa do modelo com radiografias próprias cujo diagnóstico seja conhecido: pelo menos 40 radiografias, com 10 ou mais de cada classe a adaptar. Os números mostrados são obtidos por validação cruzada: cada radiografia é avaliada por um ajuste feito sem ela. Nada muda até gravar o perfil e escolher usá-lo.</translation>
    </message>
    <message>
        <source>e.g. St Mary&apos;s Hospital, X-ray room 2</source>
        <translation>ex.: Hospital Santa Maria, sala de raios X 2</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>Nome do local</translation>
    </message>
    <message>
        <source>Site name:</source>
        <translation>Nome do local:</translation>
    </message>
    <message>
        <source>The site profile {name} in use now is not the starting point: adapting always starts from the model&apos;s own class head.</source>
        <translation>O perfil de local {name} em uso agora não é o ponto de partida: a adaptação parte sempre da camada de classificação original do modelo.</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Nota:</translation>
    </message>
    <message>
        <source>Save profile and use it…</source>
        <translation>Gravar o perfil e usá-lo…</translation>
    </message>
    <message>
        <source>Type the site&apos;s name first: the profile and every result made with it carry it.</source>
        <translation>Escreva primeiro o nome do local: ele constará do perfil e de cada resultado obtido com ele.</translation>
    </message>
    <message>
        <source>Adapting does not pay on these films, so there is no profile to save: keep using the model as it is.</source>
        <translation>A adaptação não traz ganho com estas radiografias, por isso não há perfil para gravar: continue a usar o modelo como está.</translation>
    </message>
    <message>
        <source>Before and after, {folds}-fold cross-validated on your films (95 % intervals)</source>
        <translation>Antes e depois, com validação cruzada de {folds} partições nas suas radiografias (intervalos de confiança de 95 %)</translation>
    </message>
    <message>
        <source>Right calls over all classes: {before} before, {after} after.</source>
        <translation>Classificações corretas em todas as classes: {before} antes, {after} depois.</translation>
    </message>
    <message>
        <source>{name} films found: {before} before, {after} after</source>
        <translation>radiografias de {name} encontradas: {before} antes, {after} depois</translation>
    </message>
    <message>
        <source>Warning: after adapting, fewer {names} films are found on your films ({figures}, cross-validated). Save this profile only if that is acceptable for your clinic.</source>
        <translation>Atenção: depois da adaptação, são encontradas menos radiografias de {names} entre as suas radiografias ({figures}, com validação cruzada). Grave este perfil só se isso for aceitável para a sua clínica.</translation>
    </message>
    <message>
        <source>I accept lower sensitivity for {names} on our films</source>
        <translation>Aceito uma sensibilidade menor para {names} nas nossas radiografias</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Films</source>
        <translation>Radiografias</translation>
    </message>
    <message>
        <source>Adapted</source>
        <translation>Adaptada</translation>
    </message>
    <message>
        <source>Sensitivity before</source>
        <translation>Sensibilidade antes</translation>
    </message>
    <message>
        <source>Sensitivity after</source>
        <translation>Sensibilidade depois</translation>
    </message>
    <message>
        <source>Specificity before</source>
        <translation>Especificidade antes</translation>
    </message>
    <message>
        <source>Specificity after</source>
        <translation>Especificidade depois</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no, kept</source>
        <translation>não, mantida</translation>
    </message>
    <message>
        <source>Save the site profile</source>
        <translation>Gravar o perfil do local</translation>
    </message>
    <message>
        <source>Site profiles (*.json)</source>
        <translation>Perfis de local (*.json)</translation>
    </message>
    <message>
        <source>The profile was NOT saved: {reason}. Nothing was changed.</source>
        <translation>O perfil NÃO foi gravado: {reason}. Nada foi alterado.</translation>
    </message>
    <message>
        <source>Saved {path}. Load it from the Tools menu to use it.</source>
        <translation>Gravado: {path}. Carregue-o pelo menu Ferramentas para usá-lo.</translation>
    </message>
</context>
<context>
    <name>BatchHandling</name>
    <message>
        <source>The model is still loading.</source>
        <translation>O modelo ainda não terminou de carregar.</translation>
    </message>
    <message>
        <source>Looking for images…</source>
        <translation>Procurando imagens…</translation>
    </message>
    <message>
        <source>Open chest X-rays</source>
        <translation>Abrir radiografias de tórax</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)</source>
        <translation>Imagens (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Open a folder of chest X-rays</source>
        <translation>Abrir uma pasta de radiografias de tórax</translation>
    </message>
    <message>
        <source>{path} is not a file on this computer (names are not stored while patient data is hidden): open the film from its folder.</source>
        <translation>{path} não é um arquivo deste computador (os nomes não são guardados enquanto os dados do paciente estão ocultos): abra a radiografia a partir da pasta dela.</translation>
    </message>
    <message>
        <source>Nothing to open: drop image files or folders from this computer.</source>
        <translation>Nada para abrir: arraste arquivos de imagem ou pastas deste computador.</translation>
    </message>
    <message>
        <source>{done} read, {rejected} rejected, {errors} could not be read.</source>
        <translation>Lidas: {done}, recusadas: {rejected}, ilegíveis: {errors}.</translation>
    </message>
    <message>
        <source>Cancelled; {n} films not read. </source>
        <translation>Cancelado; radiografias não lidas: {n}. </translation>
    </message>
</context>
<context>
    <name>BatchProgress</name>
    <message>
        <source>Batch progress</source>
        <translation>Progresso do lote</translation>
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
        <translation>Cancelar o lote</translation>
    </message>
    <message>
        <source>Stop after the film being read now</source>
        <translation>Parar depois da radiografia em leitura</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check the model on our films</source>
        <translation>Verificar o modelo com as nossas radiografias</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>The check stopped: {error}</source>
        <translation>A verificação foi interrompida: {error}</translation>
    </message>
    <message>
        <source>Before relying on the model, see how it does on films of your own whose diagnosis you know. Give a folder with one folder per label (normal, pneumonia, covid19) or a CSV list with columns path,label. Nothing is changed: the films are only read.</source>
        <translation>Antes de confiar no modelo, veja como ele se sai com radiografias próprias cujo diagnóstico seja conhecido. Indique uma pasta com uma pasta por rótulo (normal, pneumonia, covid19) ou uma lista CSV com as colunas path,label. Nada é alterado: as radiografias são apenas lidas.</translation>
    </message>
    <message>
        <source>The films are read with the site profile {name} in use, as the app reads every film now.</source>
        <translation>As radiografias são lidas com o perfil de local {name} em uso, como o programa lê agora cada radiografia.</translation>
    </message>
    <message>
        <source>Site profile:</source>
        <translation>Perfil do local:</translation>
    </message>
    <message>
        <source>Save report (PDF)…</source>
        <translation>Gravar relatório (PDF)…</translation>
    </message>
    <message>
        <source>Save per-film table (CSV)…</source>
        <translation>Gravar tabela por radiografia (CSV)…</translation>
    </message>
    <message>
        <source>Per class, on the films scored (95 % intervals), beside the model card&apos;s test split</source>
        <translation>Por classe, nas radiografias avaliadas (intervalos de confiança de 95 %), ao lado do conjunto de teste da ficha do modelo</translation>
    </message>
    <message>
        <source>Accuracy {accuracy} (model card {card}); calibration error (ECE, 0 is perfect) {ece} (model card {card_ece}).</source>
        <translation>Exatidão {accuracy} (ficha do modelo: {card}); erro de calibração (ECE, 0 é perfeito) {ece} (ficha do modelo: {card_ece}).</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: the label, columns: the model&apos;s call)</source>
        <translation>Matriz de confusão (linhas: o rótulo, colunas: o resultado do modelo)</translation>
    </message>
    <message>
        <source>Model {version} · {films} labelled films from {source}: {scored} scored, {refused} refused, {errors} could not be read.</source>
        <translation>Modelo {version} · {films} radiografias rotuladas de {source}: {scored} avaliadas, {refused} recusadas, {errors} ilegíveis.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Films</source>
        <translation>Radiografias</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Sensibilidade</translation>
    </message>
    <message>
        <source>card</source>
        <translation>ficha</translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation>Especificidade</translation>
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
        <translation>Sensibilidade: radiografias da classe classificadas nessa classe. Especificidade: radiografias de outras classes não classificadas nela. VPP e VPN: com que frequência uma classificação nela, ou fora dela, está correta.</translation>
    </message>
    <message>
        <source>{label} films</source>
        <translation>Radiografias de {label}</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>called {name}</source>
        <translation>classificadas como {name}</translation>
    </message>
    <message>
        <source>Reliability: the share of right calls per confidence (bars) against perfect calibration (dashed line).</source>
        <translation>Confiabilidade: proporção de classificações corretas por nível de confiança (barras), comparada com uma calibração perfeita (linha tracejada).</translation>
    </message>
    <message>
        <source>OOD scores of the films read; above the red line (threshold {threshold}) a film is refused as not a frontal chest X-ray.</source>
        <translation>Pontuações fora da distribuição (OOD) das radiografias lidas; acima da linha vermelha (limiar {threshold}) uma radiografia é recusada por não ser uma radiografia de tórax frontal.</translation>
    </message>
    <message>
        <source>Save the check as a PDF</source>
        <translation>Gravar a verificação como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Arquivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save the per-film table</source>
        <translation>Gravar a tabela por radiografia</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>{name} was NOT saved: {reason}. Any earlier file of that name was left as it was.</source>
        <translation>{name} NÃO foi gravado: {reason}. Qualquer arquivo anterior com esse nome ficou como estava.</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Gravado: {path}.</translation>
    </message>
</context>
<context>
    <name>Disclaimer</name>
    <message>
        <source>An aid for triage, not a diagnosis. A clinician must review every film.</source>
        <translation>Um auxílio à triagem, não um diagnóstico. Um clínico deve examinar cada radiografia.</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop zone for chest X-ray files and folders</source>
        <translation>Área para arrastar arquivos e pastas de radiografias de tórax</translation>
    </message>
    <message>
        <source>Open files…</source>
        <translation>Abrir arquivos…</translation>
    </message>
    <message>
        <source>Open files</source>
        <translation>Abrir arquivos</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Abrir pasta…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Abrir pasta</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>Drop chest X-ray files or folders here
PNG · JPEG · TIFF · BMP · DICOM</source>
        <translation>Arraste até aqui arquivos ou pastas de radiografias de tórax
PNG · JPEG · TIFF · BMP · DICOM</translation>
    </message>
</context>
<context>
    <name>Film</name>
    <message>
        <source>file name hidden</source>
        <translation>nome do arquivo oculto</translation>
    </message>
</context>
<context>
    <name>FilmDisplay</name>
    <message>
        <source>Select a film in the worklist.</source>
        <translation>Selecione uma radiografia na lista de trabalho.</translation>
    </message>
    <message>
        <source>Waiting to be read…</source>
        <translation>Aguardando leitura…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Em leitura…</translation>
    </message>
    <message>
        <source>Not read (cancelled).</source>
        <translation>Não lida (cancelada).</translation>
    </message>
    <message>
        <source>Loading image…</source>
        <translation>Carregando a imagem…</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Findings</source>
        <translation>Achados</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>What the model leans to</source>
        <translation>Para onde o modelo se inclina</translation>
    </message>
    <message>
        <source>Heatmap warning</source>
        <translation>Aviso do mapa de calor</translation>
    </message>
    <message>
        <source>Heatmap explains another class</source>
        <translation>O mapa de calor explica outra classe</translation>
    </message>
    <message>
        <source>Site profile and the model&apos;s own probabilities</source>
        <translation>Perfil do local e probabilidades originais do modelo</translation>
    </message>
    <message>
        <source>Image details</source>
        <translation>Detalhes da imagem</translation>
    </message>
    <message>
        <source>Probabilities (calibrated)</source>
        <translation>Probabilidades (calibradas)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravidade</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Mapa de calor</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagem</translation>
    </message>
    <message>
        <source>No film selected</source>
        <translation>Nenhuma radiografia selecionada</translation>
    </message>
    <message>
        <source>Select a film in the worklist to see its result.</source>
        <translation>Selecione uma radiografia na lista de trabalho para ver o resultado.</translation>
    </message>
    <message>
        <source>Waiting to be read…</source>
        <translation>Aguardando leitura…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Em leitura…</translation>
    </message>
    <message>
        <source>Not read (cancelled).</source>
        <translation>Não lida (cancelada).</translation>
    </message>
    <message>
        <source>This film could not be read.</source>
        <translation>Não foi possível ler esta radiografia.</translation>
    </message>
    <message>
        <source>The model only reads frontal chest X-rays. A clinician must read this film without it.</source>
        <translation>O modelo só lê radiografias de tórax frontais. Um clínico deve ler esta radiografia sem ele.</translation>
    </message>
    <message>
        <source>Read earlier by this model version with the site profile {site} ({when}); not run again.</source>
        <translation>Já lida por esta versão do modelo com o perfil de local {site} ({when}); não foi lida de novo.</translation>
    </message>
    <message>
        <source>Read earlier by this model version ({when}); not run again.</source>
        <translation>Já lida por esta versão do modelo ({when}); não foi lida de novo.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>hidden (Settings ▸ Hide patient data)</source>
        <translation>oculto (Configurações ▸ Ocultar dados do paciente)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Site profile</source>
        <translation>Perfil do local</translation>
    </message>
</context>
<context>
    <name>HeatmapLegend</name>
    <message>
        <source>Heatmap colour legend</source>
        <translation>Legenda de cores do mapa de calor</translation>
    </message>
    <message>
        <source>Where the model looked most when it chose its answer. It is not an outline of disease. Low attention is not coloured.</source>
        <translation>Onde o modelo mais olhou ao escolher a resposta. Não é o contorno de uma doença. A atenção baixa não é colorida.</translation>
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
        <translation>baixa</translation>
    </message>
    <message>
        <source>high attention</source>
        <translation>atenção alta</translation>
    </message>
</context>
<context>
    <name>HistoryExporting</name>
    <message>
        <source>Export history</source>
        <translation>Exportar histórico</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The history could not be exported to {path}: {reason}. The previous file, if any, is unchanged.</source>
        <translation>Não foi possível exportar o histórico para {path}: {reason}. O arquivo anterior, se existir, não foi alterado.</translation>
    </message>
    <message>
        <source>1 result exported to {path}</source>
        <translation>1 resultado exportado para {path}</translation>
    </message>
    <message>
        <source>{count} results matching the History search and filters exported to {path}</source>
        <translation>{count} resultados correspondentes à pesquisa e aos filtros do Histórico exportados para {path}</translation>
    </message>
    <message>
        <source>{count} results exported to {path}</source>
        <translation>{count} resultados exportados para {path}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
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
        <translation>Gravidade</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Local</translation>
    </message>
    <message>
        <source>Not a frontal chest X-ray</source>
        <translation>Não é uma radiografia de tórax frontal</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Search file, result, model or site…</source>
        <translation>Pesquisar arquivo, resultado, modelo ou local…</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>Pesquisar no histórico</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Todos os resultados</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Concluídos</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Recusados</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erros</translation>
    </message>
    <message>
        <source>Filter by result</source>
        <translation>Filtrar por resultado</translation>
    </message>
    <message>
        <source>Any result</source>
        <translation>Qualquer resultado</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export history as CSV</source>
        <translation>Exportar o histórico como CSV</translation>
    </message>
    <message>
        <source>History of results</source>
        <translation>Histórico de resultados</translation>
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
        <translation>não foi possível ler o histórico ({error})</translation>
    </message>
    <message>
        <source>permission was denied</source>
        <translation>a permissão foi negada</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>o limite de espaço em disco foi atingido</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>o disco está cheio</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>o disco é apenas de leitura</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>a pasta não existe</translation>
    </message>
    <message>
        <source>that name is a folder</source>
        <translation>esse nome é o de uma pasta</translation>
    </message>
</context>
<context>
    <name>HistoryProblem</name>
    <message>
        <source>the disk holding {folder} is full. Free some disk space; saving starts again by itself.</source>
        <translation>o disco que contém {folder} está cheio. Libere espaço em disco; a gravação recomeça sozinha.</translation>
    </message>
    <message>
        <source>the history file {path} is damaged. Quit CXR Triage, move that file aside (rename it) and start CXR Triage again: it starts a new, empty history.</source>
        <translation>o arquivo de histórico {path} está danificado. Feche o CXR Triage, ponha esse arquivo de lado (renomeie-o) e inicie o CXR Triage de novo: ele começa um histórico novo e vazio.</translation>
    </message>
    <message>
        <source>the history file {path} is in use by another program. Close that program; saving starts again by itself.</source>
        <translation>o arquivo de histórico {path} está em uso por outro programa. Feche esse programa; a gravação recomeça sozinha.</translation>
    </message>
    <message>
        <source>the folder {folder} cannot be written. Check the permissions of that folder (and that its disk is not read-only or full).</source>
        <translation>não é possível gravar na pasta {folder}. Verifique as permissões dessa pasta (e se o disco não é apenas de leitura nem está cheio).</translation>
    </message>
    <message>
        <source>the history file {path} could not be written ({detail}). Check that folder&apos;s permissions and free disk space.</source>
        <translation>não foi possível gravar o arquivo de histórico {path} ({detail}). Verifique as permissões dessa pasta e o espaço livre em disco.</translation>
    </message>
    <message>
        <source>Results are shown but NOT saved to the history: {reason}</source>
        <translation>Os resultados são mostrados mas NÃO são gravados no histórico: {reason}</translation>
    </message>
    <message>
        <source>The history cannot be shown: {reason}</source>
        <translation>Não é possível mostrar o histórico: {reason}</translation>
    </message>
    <message>
        <source>History problem</source>
        <translation>Problema no histórico</translation>
    </message>
    <message>
        <source>Results not saved</source>
        <translation>Resultados não gravados</translation>
    </message>
</context>
<context>
    <name>ImageDetails</name>
    <message>
        <source>Modality</source>
        <translation>Modalidade</translation>
    </message>
    <message>
        <source>Body part</source>
        <translation>Parte do corpo</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Incidência</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Data do exame</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Fabricante</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nome do paciente</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID do paciente</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Data de nascimento</translation>
    </message>
</context>
<context>
    <name>LabelledJob</name>
    <message>
        <source>Loading the model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>Listing the labelled films…</source>
        <translation>Listando as radiografias rotuladas…</translation>
    </message>
    <message>
        <source>Adapting: {done} of {total} cross-validation fits</source>
        <translation>Adaptando: {done} de {total} ajustes de validação cruzada</translation>
    </message>
    <message>
        <source>{done} of {total} films read</source>
        <translation>{done} de {total} radiografias lidas</translation>
    </message>
    <message>
        <source>There are no labelled films to use in {source}: put each film in a folder named after its label (normal, pneumonia, covid19), or list them in a CSV with columns path,label.</source>
        <translation>Não há radiografias rotuladas para usar em {source}: coloque cada radiografia numa pasta com o nome do rótulo dela (normal, pneumonia, covid19), ou liste-as num CSV com as colunas path,label.</translation>
    </message>
</context>
<context>
    <name>LabelledJobDialog</name>
    <message>
        <source>A folder of label folders, or a CSV list</source>
        <translation>Uma pasta com uma pasta por rótulo, ou uma lista CSV</translation>
    </message>
    <message>
        <source>Labelled films</source>
        <translation>Radiografias rotuladas</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Pasta…</translation>
    </message>
    <message>
        <source>CSV list…</source>
        <translation>Lista CSV…</translation>
    </message>
    <message>
        <source>Labelled films:</source>
        <translation>Radiografias rotuladas:</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop after the film being read now; nothing is kept</source>
        <translation>Parar depois da radiografia em leitura; nada é guardado</translation>
    </message>
    <message>
        <source>Films not used</source>
        <translation>Radiografias não usadas</translation>
    </message>
    <message>
        <source>Choose the labelled films first.</source>
        <translation>Escolha primeiro as radiografias rotuladas.</translation>
    </message>
    <message>
        <source>Folder of labelled films (one folder per label)</source>
        <translation>Pasta de radiografias rotuladas (uma pasta por rótulo)</translation>
    </message>
    <message>
        <source>List of labelled films</source>
        <translation>Lista de radiografias rotuladas</translation>
    </message>
    <message>
        <source>CSV lists (*.csv *.txt);;All files (*)</source>
        <translation>Listas CSV (*.csv *.txt);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Parando…</translation>
    </message>
    <message>
        <source>Stopping after the film being read now…</source>
        <translation>Parando depois da radiografia em leitura…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was kept; press the button again to start over.</source>
        <translation>Interrompido. Nada foi guardado; pressione o botão de novo para recomeçar.</translation>
    </message>
    <message>
        <source>Films or lines not used ({count}):</source>
        <translation>Radiografias ou linhas não usadas ({count}):</translation>
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
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Leitura</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <source>Disclaimer</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>No image files found in what was opened (PNG, JPEG, TIFF, BMP or DICOM).</source>
        <translation>Nenhum arquivo de imagem encontrado no que foi aberto (PNG, JPEG, TIFF, BMP ou DICOM).</translation>
    </message>
    <message>
        <source>Model {version}</source>
        <translation>Modelo {version}</translation>
    </message>
    <message>
        <source>Ready. Drop chest X-rays or press Ctrl+O.</source>
        <translation>Pronto. Arraste radiografias de tórax ou use Ctrl+O.</translation>
    </message>
    <message numerus="yes">
        <source>Ready. %n film(s) from the last session listed. Drop chest X-rays or press Ctrl+O.</source>
        <translation>
            <numerusform>Pronto. %n radiografia da última sessão na lista. Arraste radiografias de tórax ou use Ctrl+O.</numerusform>
            <numerusform>Pronto. %n radiografias da última sessão na lista. Arraste radiografias de tórax ou use Ctrl+O.</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop chest X-ray files or folders here, or press Ctrl+O.</source>
        <translation>Arraste até aqui arquivos ou pastas de radiografias de tórax, ou use Ctrl+O.</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Sem modelo</translation>
    </message>
    <message>
        <source>Model refused</source>
        <translation>Modelo recusado</translation>
    </message>
    <message>
        <source>About CXR Triage</source>
        <translation>Sobre o CXR Triage</translation>
    </message>
    <message>
        <source>CXR Triage — offline chest X-ray triage.

</source>
        <translation>CXR Triage — triagem offline de radiografias de tórax.

</translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>Films</source>
        <translation>Radiografias</translation>
    </message>
    <message>
        <source>Right calls (accuracy)</source>
        <translation>Classificações corretas (exatidão)</translation>
    </message>
    <message>
        <source>Macro-F1 (balance over the classes)</source>
        <translation>Macro-F1 (equilíbrio entre as classes)</translation>
    </message>
    <message>
        <source>COVID-19 films found (sensitivity)</source>
        <translation>Radiografias de COVID-19 encontradas (sensibilidade)</translation>
    </message>
    <message>
        <source>COVID-19 calls that were right (PPV)</source>
        <translation>Classificações de COVID-19 corretas (VPP)</translation>
    </message>
    <message>
        <source>Healthy adults called normal</source>
        <translation>Adultos saudáveis classificados como normais</translation>
    </message>
    <message>
        <source>Healthy adult films</source>
        <translation>Radiografias de adultos saudáveis</translation>
    </message>
    <message>
        <source>Normal films called normal</source>
        <translation>Radiografias normais classificadas como normais</translation>
    </message>
    <message>
        <source>Sick films called sick</source>
        <translation>Radiografias patológicas classificadas como patológicas</translation>
    </message>
    <message>
        <source>Calibration error (ECE)</source>
        <translation>Erro de calibração (ECE)</translation>
    </message>
    <message>
        <source>Calibration error before calibration</source>
        <translation>Erro de calibração antes da calibração</translation>
    </message>
    <message>
        <source>Log-loss</source>
        <translation>Log-loss</translation>
    </message>
    <message>
        <source>Log-loss before calibration</source>
        <translation>Log-loss antes da calibração</translation>
    </message>
    <message>
        <source>Errors made at over 90 % confidence</source>
        <translation>Erros cometidos com confiança acima de 90 %</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erros</translation>
    </message>
    <message>
        <source>Calibration temperature</source>
        <translation>Temperatura de calibração</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>Pneumonia films found</source>
        <translation>Radiografias de pneumonia encontradas</translation>
    </message>
    <message>
        <source>Mean error against radiologists</source>
        <translation>Erro médio em relação aos radiologistas</translation>
    </message>
    <message>
        <source>Correlation with radiologists (r)</source>
        <translation>Correlação com os radiologistas (r)</translation>
    </message>
    <message>
        <source>Films with a radiologist&apos;s score</source>
        <translation>Radiografias com pontuação de um radiologista</translation>
    </message>
    <message>
        <source>Mean estimate on normal films</source>
        <translation>Estimativa média nas radiografias normais</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Limiar</translation>
    </message>
    <message>
        <source>Normal films called normal when 97 % of pneumonia is found</source>
        <translation>Radiografias normais classificadas como normais quando 97 % das pneumonias são encontradas</translation>
    </message>
    <message>
        <source>Pneumonia threshold for 97 % found</source>
        <translation>Limiar de pneumonia para encontrar 97 %</translation>
    </message>
    <message>
        <source>Test chest X-rays accepted</source>
        <translation>Radiografias de tórax de teste aceitas</translation>
    </message>
    <message>
        <source>Children&apos;s films (Kermany official test set)</source>
        <translation>Radiografias de crianças (conjunto de teste oficial de Kermany)</translation>
    </message>
    <message>
        <source>Refusal of non-chest pictures</source>
        <translation>Recusa de imagens que não são de tórax</translation>
    </message>
    <message>
        <source>Severity estimate</source>
        <translation>Estimativa da gravidade</translation>
    </message>
    <message>
        <source>Heatmap weight on the film&apos;s border</source>
        <translation>Peso do mapa de calor nas margens da radiografia</translation>
    </message>
    <message>
        <source>Hospitals the model never saw (held out)</source>
        <translation>Hospitais que o modelo nunca viu (excluídos)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>Number of {what}</source>
        <translation>Número de {what}</translation>
    </message>
    <message>
        <source>This model looks at one frontal chest X-ray and says whether it shows no sign of pneumonia, a pneumonia pattern, or a COVID-19 pneumonia pattern. It shows where it looked (the heatmap), estimates how much of the lungs is involved, and refuses pictures that are not frontal chest X-rays.</source>
        <translation>Este modelo examina uma radiografia de tórax frontal e indica se ela não mostra sinais de pneumonia, se mostra um padrão de pneumonia ou um padrão de pneumonia por COVID-19. Mostra onde olhou (o mapa de calor), estima quanto dos pulmões está comprometido e recusa imagens que não são radiografias de tórax frontais.</translation>
    </message>
    <message>
        <source>In short</source>
        <translation>Em resumo</translation>
    </message>
    <message>
        <source>How often it is right</source>
        <translation>Com que frequência acerta</translation>
    </message>
    <message>
        <source>On {n} test films it had never seen during training, from the same hospitals as its training films, it was right {acc} of the time.</source>
        <translation>Em {n} radiografias de teste que nunca tinha visto durante o treino, dos mesmos hospitais que as radiografias de treino, acertou em {acc} dos casos.</translation>
    </message>
    <message>
        <source>{label}: {recall}</source>
        <translation>{label}: {recall}</translation>
    </message>
    <message>
        <source>Share of each kind of film it called right: {list}.</source>
        <translation>Proporção de cada tipo de radiografia classificada corretamente: {list}.</translation>
    </message>
    <message>
        <source>On hospitals it has never seen it does much worse: in the model card&apos;s leave-one-source-out tests it found fewer than half of an unseen hospital&apos;s COVID-19 films, and called most healthy adults from an unseen hospital something other than normal.</source>
        <translation>Em hospitais que nunca viu, o desempenho é muito pior: nos testes da ficha do modelo que deixam uma fonte de fora de cada vez, encontrou menos da metade das radiografias de COVID-19 de um hospital não visto e classificou a maioria dos adultos saudáveis de um hospital não visto como algo diferente de normal.</translation>
    </message>
    <message>
        <source>It knows three answers only; “no sign of pneumonia” does not mean a healthy chest.</source>
        <translation>Só conhece três respostas; “sem sinais de pneumonia” não significa um tórax saudável.</translation>
    </message>
    <message>
        <source>Trained on public frontal chest X-ray collections; lateral views, CT and other body parts are outside what it knows, and it refuses films it detects as such.</source>
        <translation>Treinado com coleções públicas de radiografias de tórax frontais; incidências laterais, TC e outras partes do corpo estão fora do que conhece, e ele recusa as imagens que reconhece como tais.</translation>
    </message>
    <message>
        <source>Its probabilities are calibrated on the validation split; on X-ray machines and populations unlike the training data they can be far off.</source>
        <translation>As probabilidades são calibradas no conjunto de validação; em aparelhos de raios X e populações diferentes dos dados de treino podem estar muito longe da realidade.</translation>
    </message>
    <message>
        <source>The heatmap shows where the model looked, not the outline of disease. When it lies mostly outside the lungs, the app says so: treat that call with caution.</source>
        <translation>O mapa de calor mostra onde o modelo olhou, não o contorno da doença. Quando fica sobretudo fora dos pulmões, o programa avisa: trate esse resultado com cautela.</translation>
    </message>
    <message>
        <source>Severity was learnt from radiologists&apos; scores of COVID-19 films only; it is a rough estimate of the share of the lung fields involved, not a measurement, and is shown only with a pneumonia-type call.</source>
        <translation>A gravidade foi aprendida apenas com pontuações de radiologistas em radiografias de COVID-19; é uma estimativa aproximada da proporção dos campos pulmonares comprometida, não uma medição, e só é mostrada com um resultado do tipo pneumonia.</translation>
    </message>
    <message>
        <source>Known limits</source>
        <translation>Limitações conhecidas</translation>
    </message>
    <message>
        <source>{label} called from {p}</source>
        <translation>{label} é atribuído a partir de {p}</translation>
    </message>
    <message>
        <source>none: the most probable class is called</source>
        <translation>nenhum: é atribuída a classe mais provável</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Arquitetura</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>Tamanho de entrada</translation>
    </message>
    <message>
        <source>Refusal threshold (out-of-distribution score)</source>
        <translation>Limiar de recusa (pontuação fora da distribuição)</translation>
    </message>
    <message>
        <source>Operating points</source>
        <translation>Pontos de operação</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravidade</translation>
    </message>
    <message>
        <source>Training data (manifest SHA-256)</source>
        <translation>Dados de treino (SHA-256 do manifesto)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Criado em</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
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
        <translation>Conjunto de teste</translation>
    </message>
    <message>
        <source>This model file carries no metrics.</source>
        <translation>Este arquivo de modelo não inclui métricas.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Films of it called right</source>
        <translation>Radiografias desta classe bem classificadas</translation>
    </message>
    <message>
        <source>Its calls that were right</source>
        <translation>Atribuições a esta classe corretas</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Por classe</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fonte</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Acertos</translation>
    </message>
    <message>
        <source>Normal called normal</source>
        <translation>Normais classificadas normais</translation>
    </message>
    <message>
        <source>Sick called sick</source>
        <translation>Patológicas classificadas patológicas</translation>
    </message>
    <message>
        <source>Per source (hospital collection)</source>
        <translation>Por fonte (coleção hospitalar)</translation>
    </message>
    <message>
        <source>About the model</source>
        <translation>Sobre o modelo</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>Nenhum modelo carregado.</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Detalhes técnicos</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Propriedade</translation>
    </message>
    <message>
        <source>The full model card</source>
        <translation>A ficha completa do modelo</translation>
    </message>
</context>
<context>
    <name>ModelCardDialog</name>
    <message>
        <source>About the model</source>
        <translation>Sobre o modelo</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Ficha do modelo</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Class probabilities</source>
        <translation>Probabilidades por classe</translation>
    </message>
    <message>
        <source>Probability of {name}</source>
        <translation>Probabilidade de {name}</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Recor&amp;tar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Co&amp;lar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Selecionar tudo</translation>
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
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Gravar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Recor&amp;tar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copiar &amp;endereço do link</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Co&amp;lar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Selecionar tudo</translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <source>Quit CXR Triage</source>
        <translation>Sair do CXR Triage</translation>
    </message>
    <message>
        <source>Films are still being read.</source>
        <translation>Ainda há radiografias em leitura.</translation>
    </message>
    <message>
        <source>If you quit now, the films not read yet are not read and leave the worklist. The films already read come back at the next start.</source>
        <translation>Se sair agora, as radiografias ainda não lidas não serão lidas e sairão da lista de trabalho. As radiografias já lidas voltarão no próximo início.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>Keep reading</source>
        <translation>Continuar a leitura</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>hidden (privacy setting)</source>
        <translation>oculto (configuração de privacidade)</translation>
    </message>
    <message>
        <source>Model version</source>
        <translation>Versão do modelo</translation>
    </message>
    <message>
        <source>Site profile</source>
        <translation>Perfil do local</translation>
    </message>
    <message>
        <source>Read on</source>
        <translation>Lida em</translation>
    </message>
    <message>
        <source>CXR Triage report</source>
        <translation>Relatório do CXR Triage</translation>
    </message>
    <message>
        <source>the PDF could not be started in {folder}</source>
        <translation>não foi possível criar o PDF em {folder}</translation>
    </message>
    <message>
        <source>CXR Triage — chest X-ray triage report</source>
        <translation>CXR Triage — relatório de triagem de radiografia de tórax</translation>
    </message>
    <message>
        <source>Printed {date}</source>
        <translation>Impresso em {date}</translation>
    </message>
    <message>
        <source>The image could not be read.</source>
        <translation>Não foi possível ler a imagem.</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>Radiografia</translation>
    </message>
    <message>
        <source>Heatmap for {label}: where the model looked (uncoloured = low attention)</source>
        <translation>Mapa de calor para {label}: onde o modelo olhou (sem cor = atenção baixa)</translation>
    </message>
    <message>
        <source>This film was not read.</source>
        <translation>Esta radiografia não foi lida.</translation>
    </message>
    <message>
        <source>Severity: {words}</source>
        <translation>Gravidade: {words}</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Leitor</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Assinatura</translation>
    </message>
</context>
<context>
    <name>ReportDetailsDialog</name>
    <message>
        <source>Report details</source>
        <translation>Detalhes do relatório</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nome do paciente</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID do paciente</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Optional: what the reader wants on the report</source>
        <translation>Opcional: o que o leitor quer no relatório</translation>
    </message>
    <message>
        <source>Reader name</source>
        <translation>Nome do leitor</translation>
    </message>
    <message>
        <source>Patient data is hidden (Settings): the patient fields are not taken from the film. Type them only if this report needs them.</source>
        <translation>Os dados do paciente estão ocultos (Configurações): os campos do paciente não são tirados da radiografia. Escreva-os só se este relatório precisar deles.</translation>
    </message>
    <message>
        <source>Patient fields are taken from the film&apos;s DICOM tags where it has them.</source>
        <translation>Os campos do paciente são tirados das etiquetas DICOM da radiografia quando ela as tem.</translation>
    </message>
    <message>
        <source>All fields are optional. </source>
        <translation>Todos os campos são opcionais. </translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Leitor</translation>
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
        <translation>Selecione uma radiografia já lida para exportar o relatório.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exportar relatório</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No film that has been read is selected.</source>
        <translation>Nenhuma radiografia lida está selecionada.</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Relatório gravado: {path}</translation>
    </message>
</context>
<context>
    <name>ReportJob</name>
    <message>
        <source>{reason}: the disk is full</source>
        <translation>{reason}: o disco está cheio</translation>
    </message>
    <message>
        <source>The report was NOT saved: {reason}. Any earlier {name} was left as it was.</source>
        <translation>O relatório NÃO foi gravado: {reason}. Qualquer {name} anterior ficou como estava.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Hide patient data (name, ID, birth date)</source>
        <translation>Ocultar dados do paciente (nome, ID, data de nascimento)</translation>
    </message>
    <message>
        <source>Hide patient data</source>
        <translation>Ocultar dados do paciente</translation>
    </message>
    <message>
        <source>When on, DICOM patient name, ID and birth date are not shown in the window and not printed in reports (a report prints only what you type into its details). They are never stored in the history.</source>
        <translation>Quando ativado, o nome, o ID e a data de nascimento do paciente vindos do DICOM não são mostrados na janela nem impressos nos relatórios (um relatório só imprime o que for escrito nos detalhes dele). Nunca são guardados no histórico.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System default ({language})</source>
        <translation>Idioma do sistema ({language})</translation>
    </message>
    <message>
        <source>A new language shows the next time CXR Triage starts.</source>
        <translation>O novo idioma aparece na próxima vez que o CXR Triage for iniciado.</translation>
    </message>
    <message>
        <source>Reader name for reports</source>
        <translation>Nome do leitor para os relatórios</translation>
    </message>
    <message>
        <source>printed on reports above the signature line</source>
        <translation>impresso nos relatórios acima da linha de assinatura</translation>
    </message>
    <message>
        <source>Reports and History exports (CSV) are saved here first; the folder you last saved one to is remembered.</source>
        <translation>Os relatórios e as exportações do histórico (CSV) são propostos primeiro nesta pasta; a última pasta em que gravou um deles é memorizada.</translation>
    </message>
    <message>
        <source>Site profile</source>
        <translation>Perfil do local</translation>
    </message>
    <message>
        <source>Change it in Tools ▸ Load site profile…, or go back to the model&apos;s own head in Tools ▸ Use the model&apos;s own head.</source>
        <translation>Altere-o em Ferramentas ▸ Carregar perfil de local…, ou volte à camada original do modelo em Ferramentas ▸ Usar a camada original do modelo.</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacidade</translation>
    </message>
    <message>
        <source>Reader name</source>
        <translation>Nome do leitor</translation>
    </message>
    <message>
        <source>Report folder</source>
        <translation>Pasta dos relatórios</translation>
    </message>
    <message>
        <source>History database</source>
        <translation>Base de dados do histórico</translation>
    </message>
</context>
<context>
    <name>SeverityGauge</name>
    <message>
        <source>Severity gauge</source>
        <translation>Indicador de gravidade</translation>
    </message>
    <message>
        <source>Share of the lung fields that look involved, as estimated by the model: 0 % = clear lungs, 100 % = every part of both lungs. Learnt from radiologists&apos; scores of COVID-19 films only.</source>
        <translation>Proporção dos campos pulmonares que parecem comprometidos, estimada pelo modelo: 0 % = pulmões limpos, 100 % = todas as zonas dos dois pulmões. Aprendida apenas com pontuações de radiologistas em radiografias de COVID-19.</translation>
    </message>
    <message>
        <source>of lung fields · {band}</source>
        <translation>dos campos pulmonares · {band}</translation>
    </message>
</context>
<context>
    <name>Site</name>
    <message>
        <source>{name} (1 film, {date})</source>
        <translation>{name} (1 radiografia, {date})</translation>
    </message>
    <message>
        <source>{name} ({films} films, {date})</source>
        <translation>{name} ({films} radiografias, {date})</translation>
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
        <translation>Probabilidades originais do modelo: {probabilities}</translation>
    </message>
    <message>
        <source>Made with the site profile {summary}.</source>
        <translation>Obtido com o perfil de local {summary}.</translation>
    </message>
    <message>
        <source>The heatmap shows what drove the model&apos;s own most probable class ({own}), not the adapted call ({adapted}).</source>
        <translation>O mapa de calor mostra o que determinou a classe mais provável para o modelo original ({own}), não o resultado adaptado ({adapted}).</translation>
    </message>
    <message>
        <source>None: the model&apos;s own class head</source>
        <translation>Nenhum: camada de classificação original do modelo</translation>
    </message>
</context>
<context>
    <name>SiteHandling</name>
    <message>
        <source>Site profile in use</source>
        <translation>Perfil do local em uso</translation>
    </message>
    <message>
        <source>Load site profile</source>
        <translation>Carregar perfil de local</translation>
    </message>
    <message>
        <source>Site profiles (*.json);;All files (*)</source>
        <translation>Perfis de local (*.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Site profile cleared: films read from now on get the model&apos;s own probabilities.</source>
        <translation>Perfil do local removido: as radiografias lidas a partir de agora recebem as probabilidades originais do modelo.</translation>
    </message>
    <message>
        <source>Site profile {summary} applied, as chosen last time.</source>
        <translation>Perfil de local {summary} aplicado, como escolhido da última vez.</translation>
    </message>
    <message>
        <source>Site profile applied to the films read from now on.</source>
        <translation>Perfil do local aplicado às radiografias lidas a partir de agora.</translation>
    </message>
    <message>
        <source>The site profile chosen last time cannot be found now ({path}); it is tried again at the next start. Films are read with the model&apos;s own class head.</source>
        <translation>O perfil de local escolhido da última vez não foi encontrado agora ({path}); será procurado de novo no próximo início. As radiografias são lidas com a camada de classificação original do modelo.</translation>
    </message>
    <message>
        <source>The site profile chosen last time is not applied: {reason} Films are read with the model&apos;s own class head.</source>
        <translation>O perfil de local escolhido da última vez não é aplicado: {reason} As radiografias são lidas com a camada de classificação original do modelo.</translation>
    </message>
    <message>
        <source>{reason} The site profile {summary} stays in use.</source>
        <translation>{reason} O perfil de local {summary} continua em uso.</translation>
    </message>
    <message>
        <source>{reason} Films are read with the model&apos;s own class head.</source>
        <translation>{reason} As radiografias são lidas com a camada de classificação original do modelo.</translation>
    </message>
    <message>
        <source>Site profile not applied</source>
        <translation>Perfil do local não aplicado</translation>
    </message>
</context>
<context>
    <name>SiteSentences</name>
    <message>
        <source>On your {scored} films, normal films called normal</source>
        <translation>Nas suas {scored} radiografias, radiografias normais classificadas como normais</translation>
    </message>
    <message>
        <source>On your {scored} films, pneumonia films called pneumonia</source>
        <translation>Nas suas {scored} radiografias, radiografias de pneumonia classificadas como pneumonia</translation>
    </message>
    <message>
        <source>On your {scored} films, COVID-19 films called COVID-19</source>
        <translation>Nas suas {scored} radiografias, radiografias de COVID-19 classificadas como COVID-19</translation>
    </message>
    <message>
        <source>normal films</source>
        <translation>radiografias normais</translation>
    </message>
    <message>
        <source>pneumonia films</source>
        <translation>radiografias de pneumonia</translation>
    </message>
    <message>
        <source>COVID-19 films</source>
        <translation>radiografias de COVID-19</translation>
    </message>
    <message>
        <source>films</source>
        <translation>radiografias</translation>
    </message>
    <message>
        <source>Right calls over all classes</source>
        <translation>Resultados corretos em todas as classes</translation>
    </message>
    <message>
        <source>not in this model&apos;s card</source>
        <translation>não consta da ficha deste modelo</translation>
    </message>
    <message>
        <source>Checked with the site profile {name}. If these are the films it was adapted on, the figures flatter it: check it on other films.</source>
        <translation>Verificado com o perfil de local {name}. Se estas forem as radiografias com que ele foi adaptado, os números o favorecem: verifique-o com outras radiografias.</translation>
    </message>
    <message>
        <source>Checked with the site profile {name} on films it was not adapted on.</source>
        <translation>Verificado com o perfil de local {name} em radiografias com que ele não foi adaptado.</translation>
    </message>
    <message>
        <source>1 of these {films} films was used to adapt the site profile {name}, so the figures flatter it: check it on films it was not adapted on.</source>
        <translation>1 destas {films} radiografias foi usada para adaptar o perfil de local {name}, então os números o favorecem: verifique-o com radiografias com que ele não foi adaptado.</translation>
    </message>
    <message>
        <source>{fitted} of these {films} films were used to adapt the site profile {name}, so the figures flatter it: check it on films it was not adapted on.</source>
        <translation>{fitted} destas {films} radiografias foram usadas para adaptar o perfil de local {name}, então os números o favorecem: verifique-o com radiografias com que ele não foi adaptado.</translation>
    </message>
    <message>
        <source>Calibration error (ECE, 0 is perfect): {ece} on your films; the model card&apos;s test split: {card}.</source>
        <translation>Erro de calibração (ECE, 0 é perfeito): {ece} nas suas radiografias; conjunto de teste da ficha do modelo: {card}.</translation>
    </message>
    <message>
        <source>Severity on your {n} films with a severity: off by {points} points of lung involvement on average (MAE {mae}), r = {r}; the model card&apos;s test split: {card}.</source>
        <translation>Gravidade nas suas {n} radiografias com gravidade: desvio médio de {points} pontos de envolvimento pulmonar (MAE {mae}), r = {r}; conjunto de teste da ficha do modelo: {card}.</translation>
    </message>
    <message>
        <source>None of your scored films are {films}: nothing can be said about them.</source>
        <translation>Nenhuma das suas radiografias avaliadas está entre as {films}: nada se pode dizer sobre elas.</translation>
    </message>
    <message>
        <source>{subject}: {value} (95 % CI {interval}, {k} of {n}).</source>
        <translation>{subject}: {value} (IC 95 % {interval}, {k} de {n}).</translation>
    </message>
    <message>
        <source>Too few {films} to conclude: the interval spans {span} points; about {more} more {films} would narrow it to ±{target} points.</source>
        <translation>Poucas {films} para concluir: o intervalo abrange {span} pontos; cerca de mais {more} {films} o reduziriam a ±{target} pontos.</translation>
    </message>
    <message>
        <source>The model card&apos;s test split: not in this model&apos;s card.</source>
        <translation>Conjunto de teste da ficha do modelo: não consta da ficha deste modelo.</translation>
    </message>
    <message>
        <source>The model card&apos;s test split: {card}.</source>
        <translation>Conjunto de teste da ficha do modelo: {card}.</translation>
    </message>
    <message>
        <source>This model does not yet hold up on your films.</source>
        <translation>Este modelo ainda não é confiável nas suas radiografias.</translation>
    </message>
    <message>
        <source>On your films it does better than on its test split.</source>
        <translation>Nas suas radiografias ele se sai melhor do que no conjunto de teste.</translation>
    </message>
    <message>
        <source>That is within your interval: your films are consistent with it.</source>
        <translation>Esse valor está dentro do seu intervalo: as suas radiografias concordam com ele.</translation>
    </message>
    <message>
        <source>{n} scored</source>
        <translation>{n} avaliadas</translation>
    </message>
    <message>
        <source>{n} refused as not a frontal chest X-ray (counted apart, not in the figures)</source>
        <translation>{n} recusadas por não serem radiografias de tórax frontais (contadas à parte, fora das cifras)</translation>
    </message>
    <message>
        <source>{n} could not be read</source>
        <translation>{n} não puderam ser lidas</translation>
    </message>
    <message>
        <source>Of your {n} labelled films: {parts}.</source>
        <translation>Das suas {n} radiografias rotuladas: {parts}.</translation>
    </message>
    <message>
        <source>Adapted on {n} films ({classes}); figures below are {folds}-fold cross-validated: each film was scored by a head fitted without it.</source>
        <translation>Adaptado com {n} radiografias ({classes}); os números abaixo são de validação cruzada com {folds} partições: cada radiografia foi avaliada por uma camada de classificação ajustada sem ela.</translation>
    </message>
    <message>
        <source>No adapted head did better than the model&apos;s own on your films, so adapting does not pay: keep the model as it is.</source>
        <translation>Nenhuma camada adaptada foi melhor que a do modelo nas suas radiografias, portanto adaptar não compensa: mantenha o modelo como está.</translation>
    </message>
    <message>
        <source>Normal films called normal: {before} before, {after} after ({k} of {n} films).</source>
        <translation>Radiografias normais classificadas como normais: {before} antes, {after} depois ({k} de {n} radiografias).</translation>
    </message>
    <message>
        <source>Pneumonia films found: {before} before, {after} after ({k} of {n} films).</source>
        <translation>Radiografias de pneumonia detectadas: {before} antes, {after} depois ({k} de {n} radiografias).</translation>
    </message>
    <message>
        <source>COVID-19 films found: {before} before, {after} after ({k} of {n} films).</source>
        <translation>Radiografias de COVID-19 detectadas: {before} antes, {after} depois ({k} de {n} radiografias).</translation>
    </message>
    <message>
        <source>Warning: fewer {name} films are found after adapting. Use this profile only if you accept that.</source>
        <translation>Atenção: após adaptar, menos radiografias de {name} são detectadas. Use este perfil apenas se aceitar isso.</translation>
    </message>
    <message>
        <source>Kept as the model has them (too few of your films to adapt): {classes}.</source>
        <translation>Mantidas como no modelo (poucas radiografias suas para adaptá-las): {classes}.</translation>
    </message>
    <message>
        <source>Films refused as not frontal chest X-rays, not used: {n}.</source>
        <translation>Radiografias recusadas por não serem radiografias de tórax frontais, não usadas: {n}.</translation>
    </message>
    <message>
        <source>Films that could not be read, not used: {n}.</source>
        <translation>Radiografias que não puderam ser lidas, não usadas: {n}.</translation>
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
        <translation>Mostrar o mapa de calor sobreposto</translation>
    </message>
    <message>
        <source>Show where the model looked (H)</source>
        <translation>Mostrar onde o modelo olhou (H)</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>Opacidade do mapa de calor</translation>
    </message>
    <message>
        <source>Heatmap opacity: how strongly its colours cover the film</source>
        <translation>Opacidade do mapa de calor: quanto as cores cobrem a radiografia</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacidade</translation>
    </message>
    <message>
        <source>Window width</source>
        <translation>Largura da janela</translation>
    </message>
    <message>
        <source>Window width (contrast). Or right-drag left/right on the image.</source>
        <translation>Largura da janela (contraste). Ou arraste com o botão direito para a esquerda ou a direita sobre a imagem.</translation>
    </message>
    <message>
        <source>Window level</source>
        <translation>Nível da janela</translation>
    </message>
    <message>
        <source>Window level (brightness). Or right-drag up/down on the image.</source>
        <translation>Nível da janela (brilho). Ou arraste com o botão direito para cima ou para baixo sobre a imagem.</translation>
    </message>
    <message>
        <source>Zoom level</source>
        <translation>Nível de zoom</translation>
    </message>
    <message>
        <source>Window/level (contrast and brightness)</source>
        <translation>Janela/nível (contraste e brilho)</translation>
    </message>
    <message>
        <source>Reset window/level</source>
        <translation>Restaurar janela/nível</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>Reduzir (−)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Ampliar (+)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Fit to window (0)</source>
        <translation>Ajustar à janela (0)</translation>
    </message>
    <message>
        <source>Contrast (window width)</source>
        <translation>Contraste (largura da janela)</translation>
    </message>
    <message>
        <source>Brightness (window level)</source>
        <translation>Brilho (nível da janela)</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Open files…</source>
        <translation>&amp;Abrir arquivos…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>Abrir &amp;pasta…</translation>
    </message>
    <message>
        <source>&amp;Export report (PDF)…</source>
        <translation>&amp;Exportar relatório (PDF)…</translation>
    </message>
    <message>
        <source>Export history as &amp;CSV…</source>
        <translation>Exportar histórico como &amp;CSV…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Most urgent first</source>
        <translation>Mais &amp;urgentes primeiro</translation>
    </message>
    <message>
        <source>Sort the worklist: COVID-19 and pneumonia calls first, then uncertain calls, refused and unreadable films, normal calls, films not read</source>
        <translation>Ordenar a lista de trabalho: primeiro os resultados de COVID-19 e pneumonia, depois os resultados incertos, as radiografias recusadas e ilegíveis, os resultados normais e as radiografias não lidas</translation>
    </message>
    <message>
        <source>&amp;Next film</source>
        <translation>Radiografia &amp;seguinte</translation>
    </message>
    <message>
        <source>&amp;Previous film</source>
        <translation>Radiografia &amp;anterior</translation>
    </message>
    <message>
        <source>F&amp;irst film</source>
        <translation>&amp;Primeira radiografia</translation>
    </message>
    <message>
        <source>&amp;Last film</source>
        <translation>Ú&amp;ltima radiografia</translation>
    </message>
    <message>
        <source>&amp;Remove from worklist</source>
        <translation>&amp;Remover da lista de trabalho</translation>
    </message>
    <message>
        <source>&amp;Clear worklist</source>
        <translation>Esva&amp;ziar a lista de trabalho</translation>
    </message>
    <message>
        <source>Toggle &amp;heatmap</source>
        <translation>Mostrar/ocultar &amp;mapa de calor</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Ampliar</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Reduzir</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>A&amp;justar à janela</translation>
    </message>
    <message>
        <source>&amp;Load site profile…</source>
        <translation>Carre&amp;gar perfil de local…</translation>
    </message>
    <message>
        <source>Read films with a class head adapted to your clinic&apos;s films (a site profile made by “Adapt to our films”)</source>
        <translation>Ler as radiografias com uma camada de classificação adaptada às radiografias da sua clínica (um perfil de local criado com “Adaptar às nossas radiografias”)</translation>
    </message>
    <message>
        <source>Use the model&apos;s own head (&amp;clear site profile)</source>
        <translation>Usar a camada original do modelo (&amp;remover o perfil do local)</translation>
    </message>
    <message>
        <source>Chec&amp;k the model on our films…</source>
        <translation>&amp;Verificar o modelo com as nossas radiografias…</translation>
    </message>
    <message>
        <source>&amp;Adapt to our films…</source>
        <translation>&amp;Adaptar às nossas radiografias…</translation>
    </message>
    <message>
        <source>About the &amp;model…</source>
        <translation>Sobre o &amp;modelo…</translation>
    </message>
    <message>
        <source>&amp;About CXR Triage</source>
        <translation>Sobre o &amp;CXR Triage</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Worklist</source>
        <translation>&amp;Lista de trabalho</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>This model has no embedding output, so it cannot be adapted to your films.</source>
        <translation>Este modelo não tem saída de embeddings, por isso não pode ser adaptado às suas radiografias.</translation>
    </message>
    <message>
        <source>This version of CXR Triage cannot check or adapt the model.</source>
        <translation>Esta versão do CXR Triage não pode verificar nem adaptar o modelo.</translation>
    </message>
    <message numerus="yes">
        <source>%n film(s) removed from the worklist; their results stay in the History tab.</source>
        <translation>
            <numerusform>%n radiografia removida da lista de trabalho; o resultado continua no Histórico.</numerusform>
            <numerusform>%n radiografias removidas da lista de trabalho; os resultados continuam no Histórico.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n film(s) waiting or being read stay listed; Cancel stops the batch.</source>
        <translation>
            <numerusform>%n radiografia em espera ou em leitura continua na lista; Cancelar interrompe o lote.</numerusform>
            <numerusform>%n radiografias em espera ou em leitura continuam na lista; Cancelar interrompe o lote.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>This does not look like a frontal chest X-ray — result withheld</source>
        <translation>Isto não parece uma radiografia de tórax frontal — nenhum resultado é dado</translation>
    </message>
    <message>
        <source>COVID-19 calls are this model&apos;s least reliable: tested on a hospital collection it had not seen, it found fewer than half of the COVID-19 films, and it called many healthy adults from an unseen hospital COVID-19. Confirm with a COVID-19 test.</source>
        <translation>Os resultados de COVID-19 são os menos confiáveis deste modelo: testado com a coleção de um hospital que não tinha visto, encontrou menos da metade das radiografias de COVID-19 e classificou como COVID-19 muitos adultos saudáveis de um hospital não visto. Confirme com um teste de COVID-19.</translation>
    </message>
    <message>
        <source>Called {label} although {top} is more probable: this model calls {label} from a lower probability, set so that fewer {label} films are missed.</source>
        <translation>Classificada como {label} embora {top} seja mais provável: este modelo atribui {label} a partir de uma probabilidade mais baixa, definida para que menos radiografias de {label} passem despercebidas.</translation>
    </message>
    <message>
        <source>No sign of pneumonia</source>
        <translation>Sem sinais de pneumonia</translation>
    </message>
    <message>
        <source>Pneumonia pattern (not COVID-19)</source>
        <translation>Padrão de pneumonia (não COVID-19)</translation>
    </message>
    <message>
        <source>COVID-19 pneumonia pattern</source>
        <translation>Padrão de pneumonia por COVID-19</translation>
    </message>
    <message>
        <source>Uncertain — read carefully</source>
        <translation>Incerto — leia com atenção</translation>
    </message>
    <message>
        <source>Most likely {label} ({p})</source>
        <translation>Mais provável: {label} ({p})</translation>
    </message>
    <message>
        <source>, then {label} ({p})</source>
        <translation>, depois {label} ({p})</translation>
    </message>
    <message>
        <source>. Not sure enough for a firm call (below {threshold}).</source>
        <translation>. Sem certeza suficiente para um resultado firme (abaixo de {threshold}).</translation>
    </message>
    <message>
        <source>A result is worded firmly only when the model&apos;s calibrated probability for it is at least {threshold}; below that it reads “Uncertain — read carefully”. On the validation split, calls from {threshold} on were right at least 95 % of the time.</source>
        <translation>Um resultado só é apresentado de forma firme quando a probabilidade calibrada do modelo para ele é de pelo menos {threshold}; abaixo disso, indica “Incerto — leia com atenção”. No conjunto de validação, os resultados a partir de {threshold} estiveram corretos pelo menos 95 % das vezes.</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>não disponível</translation>
    </message>
    <message>
        <source>none measured</source>
        <translation>nenhum comprometimento medido</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leve</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>moderado</translation>
    </message>
    <message>
        <source>extensive</source>
        <translation>extenso</translation>
    </message>
    <message>
        <source>About {value} of the lung fields look involved ({band})</source>
        <translation>Cerca de {value} dos campos pulmonares parecem comprometidos ({band})</translation>
    </message>
    <message>
        <source>A rough estimate learnt from radiologists&apos; scores of COVID-19 films, not a measurement.</source>
        <translation>Uma estimativa aproximada aprendida com pontuações de radiologistas em radiografias de COVID-19, não uma medição.</translation>
    </message>
    <message>
        <source>Learnt from COVID-19 films only: for other pneumonia this estimate is a rough guide at best.</source>
        <translation>Aprendida apenas com radiografias de COVID-19: para outras pneumonias esta estimativa é, no máximo, uma orientação aproximada.</translation>
    </message>
    <message>
        <source>Where the model looked; not an outline of disease.</source>
        <translation>Onde o modelo olhou; não é o contorno de uma doença.</translation>
    </message>
    <message>
        <source>Coloured where the model looked for {label}, its most probable class; not an outline of disease.</source>
        <translation>Colorido onde o modelo olhou para {label}, a classe mais provável; não é o contorno de uma doença.</translation>
    </message>
    <message>
        <source>The model looked mostly outside the lungs — treat this call with caution.</source>
        <translation>O modelo olhou sobretudo fora dos pulmões — trate este resultado com cautela.</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Pneumonia</source>
        <translation>Pneumonia</translation>
    </message>
    <message>
        <source>COVID-19</source>
        <translation>COVID-19</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>em espera</translation>
    </message>
    <message>
        <source>running</source>
        <translation>em curso</translation>
    </message>
    <message>
        <source>done</source>
        <translation>concluído</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>recusado</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>Check that it is a chest X-ray image (PNG, JPEG, TIFF, BMP or DICOM). If it is, export it again from the X-ray system and open the new file; until then a clinician reads it without the app.</source>
        <translation>Verifique se é uma imagem de radiografia de tórax (PNG, JPEG, TIFF, BMP ou DICOM). Se for, exporte-a de novo a partir do aparelho de raios X e abra o arquivo novo; até lá, um clínico faz a leitura sem o programa.</translation>
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
        <translation>Sem resultado</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Incerto</translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation>Recusada</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Ilegível</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Em leitura…</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Em espera</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Não lida</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>Lista de trabalho</translation>
    </message>
    <message>
        <source>Read in an earlier session while patient data was hidden, so its file name was not kept and its image cannot be shown. Open the film again from its folder to see it.</source>
        <translation>Lida numa sessão anterior com os dados do paciente ocultos, por isso o nome do arquivo não foi guardado e a imagem não pode ser mostrada. Abra a radiografia de novo a partir da pasta dela para vê-la.</translation>
    </message>
    <message>
        <source>Read in an earlier session; the file is no longer at {path}. Open it again from where it is now to see its image.</source>
        <translation>Lida numa sessão anterior; o arquivo já não está em {path}. Abra-o de novo a partir do local onde está agora para ver a imagem.</translation>
    </message>
    <message>
        <source>Duplicate of {name}</source>
        <translation>Duplicado de {name}</translation>
    </message>
    <message>
        <source>The same file (identical SHA-256) as {name}, listed earlier.</source>
        <translation>O mesmo arquivo (SHA-256 idêntico) que {name}, listado antes.</translation>
    </message>
    <message>
        <source>Read in an earlier session.</source>
        <translation>Lida numa sessão anterior.</translation>
    </message>
    <message>
        <source>Waiting to be read.</source>
        <translation>Aguardando leitura.</translation>
    </message>
    <message>
        <source>Being read now.</source>
        <translation>Em leitura agora.</translation>
    </message>
    <message>
        <source>Not read: the batch was cancelled. Open the film again to read it.</source>
        <translation>Não lida: o lote foi cancelado. Abra a radiografia de novo para lê-la.</translation>
    </message>
    <message>
        <source>Sort most urgent first</source>
        <translation>Ordenar as mais urgentes primeiro</translation>
    </message>
    <message>
        <source>The model&apos;s call; sorted by it, the list is most urgent first</source>
        <translation>O resultado do modelo; ordenada por ele, a lista mostra primeiro o mais urgente</translation>
    </message>
    <message>
        <source>The calibrated probability of the call</source>
        <translation>A probabilidade calibrada do resultado</translation>
    </message>
    <message>
        <source>The estimated share of the lung fields involved (pneumonia calls only)</source>
        <translation>A proporção estimada dos campos pulmonares comprometidos (só resultados de pneumonia)</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiança</translation>
    </message>
    <message>
        <source>Extent</source>
        <translation>Extensão</translation>
    </message>
</context>
<context>
    <name>XrayViewer</name>
    <message>
        <source>X-ray viewer</source>
        <translation>Visualizador de radiografias</translation>
    </message>
</context>
</TS>
