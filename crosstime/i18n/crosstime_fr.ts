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
        <location filename="../plugin.py" line="61"/>
        <source>CrossTime needs {0}, not found in the Python that QGIS uses. Install them from the menu Plugins &gt; CrossTime &gt; Dependencies… (they go to a private folder of your QGIS profile).</source>
        <translation>CrossTime a besoin de {0}, introuvable(s) dans le Python utilisé par QGIS. Installez-les depuis le menu Extensions &gt; CrossTime &gt; Dépendances… (ils vont dans un dossier privé de votre profil QGIS).</translation>
    </message>
    <message>
        <location filename="../translation.py" line="60"/>
        <source>paper: siamese network, |G(x1)-G(x2)| + sigmoid, BCE, hard mining</source>
        <translation>article : réseau siamois, |G(x1)-G(x2)| + sigmoïde, entropie croisée binaire, exemples difficiles</translation>
    </message>
    <message>
        <location filename="../translation.py" line="61"/>
        <source>CrossTime CPU recipe: in-batch InfoNCE both ways, cross-date augmentations</source>
        <translation>recette CPU de CrossTime : InfoNCE dans le lot, dans les deux sens, augmentations entre dates</translation>
    </message>
    <message>
        <location filename="../translation.py" line="62"/>
        <source>paper section 5 comparison: NT-Xent contrastive (SimCLR-style)</source>
        <translation>comparaison de la section 5 de l'article : contrastif NT-Xent (à la SimCLR)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="65"/>
        <source>ImageNet (downloaded once when online; EfficientNet-Lite0 ships with its package)</source>
        <translation>ImageNet (téléchargés une fois, en ligne ; EfficientNet-Lite0 est fourni avec son paquet)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="66"/>
        <source>none (train from scratch)</source>
        <translation>aucun (entraînement depuis zéro)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="69"/>
        <source>RGB (6 input channels)</source>
        <translation>RVB (6 canaux d'entrée)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="70"/>
        <source>grey (4 input channels)</source>
        <translation>niveaux de gris (4 canaux d'entrée)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="73"/>
        <source>IGN BD TOPO v3</source>
        <translation>IGN BD TOPO v3</translation>
    </message>
    <message>
        <location filename="../translation.py" line="74"/>
        <source>IGN BD TOPO v2 (2004-era shapefiles)</source>
        <translation>IGN BD TOPO v2 (shapefiles de l'époque 2004)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="75"/>
        <source>OpenStreetMap tags</source>
        <translation>Attributs OpenStreetMap (tags)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="78"/>
        <source>16x16 thumbnail</source>
        <translation>vignette 16x16</translation>
    </message>
    <message>
        <location filename="../translation.py" line="79"/>
        <source>EfficientNet-Lite0 ImageNet + max pool (offline)</source>
        <translation>EfficientNet-Lite0 ImageNet + agrégation max (hors ligne)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="80"/>
        <source>EfficientNet-Lite0 ImageNet + GeM</source>
        <translation>EfficientNet-Lite0 ImageNet + GeM</translation>
    </message>
    <message>
        <location filename="../translation.py" line="81"/>
        <source>ResNet50 ImageNet + max pool at 512 px (paper Table 3)</source>
        <translation>ResNet50 ImageNet + agrégation max à 512 px (tableau 3 de l'article)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="82"/>
        <source>ResNet50 ImageNet + GeM at 1024 px (paper Table 4)</source>
        <translation>ResNet50 ImageNet + GeM à 1024 px (tableau 4 de l'article)</translation>
    </message>
    <message>
        <location filename="../translation.py" line="107"/>
        <source>road</source>
        <translation>route</translation>
    </message>
    <message>
        <location filename="../translation.py" line="108"/>
        <source>church or chapel</source>
        <translation>église ou chapelle</translation>
    </message>
    <message>
        <location filename="../translation.py" line="109"/>
        <source>tower or keep</source>
        <translation>tour ou donjon</translation>
    </message>
    <message>
        <location filename="../translation.py" line="110"/>
        <source>fort or blockhouse</source>
        <translation>fort ou blockhaus</translation>
    </message>
    <message>
        <location filename="../translation.py" line="111"/>
        <source>castle</source>
        <translation>château</translation>
    </message>
    <message>
        <location filename="../translation.py" line="112"/>
        <source>undifferentiated building</source>
        <translation>bâtiment indifférencié</translation>
    </message>
    <message>
        <location filename="../translation.py" line="113"/>
        <source>water surface</source>
        <translation>surface d'eau</translation>
    </message>
    <message>
        <location filename="../translation.py" line="114"/>
        <source>sports ground</source>
        <translation>terrain de sport</translation>
    </message>
    <message>
        <location filename="../translation.py" line="115"/>
        <source>cemetery</source>
        <translation>cimetière</translation>
    </message>
    <message>
        <location filename="../translation.py" line="116"/>
        <source>vegetation</source>
        <translation>végétation</translation>
    </message>
    <message>
        <location filename="../translation.py" line="117"/>
        <source>airport or airfield</source>
        <translation>aéroport ou aérodrome</translation>
    </message>
    <message>
        <location filename="../translation.py" line="118"/>
        <source>railway</source>
        <translation>voie ferrée</translation>
    </message>
    <message>
        <location filename="../translation.py" line="134"/>
        <source>CrossTime needs {} (not found in the Python that QGIS uses). Install them from the menu Plugins &gt; CrossTime &gt; Dependencies… (or the button in the CrossTime panel): they go to a private folder of your QGIS profile. Then restart QGIS.</source>
        <translation>CrossTime a besoin de {} (introuvable(s) dans le Python utilisé par QGIS). Installez-les depuis le menu Extensions &gt; CrossTime &gt; Dépendances… (ou le bouton du panneau CrossTime) : ils vont dans un dossier privé de votre profil QGIS. Redémarrez ensuite QGIS.</translation>
    </message>
    <message>
        <location filename="../translation.py" line="143"/>
        <source>layer '{}' has no features</source>
        <translation>la couche « {} » n'a aucune entité</translation>
    </message>
    <message>
        <location filename="../translation.py" line="148"/>
        <source>; and {} more</source>
        <translation> ; et {} autres</translation>
    </message>
    <message>
        <location filename="../translation.py" line="149"/>
        <source>layer '{}': {} feature(s) with a broken geometry skipped, not drawn ({}{}); repair them (QGIS: Vector &gt; Geometry Tools &gt; Fix Geometries) to draw them</source>
        <translation>couche « {} » : {} entité(s) à la géométrie invalide ignorée(s), non dessinée(s) ({}{}) ; réparez-les (QGIS : Vecteur &gt; Outils de géométrie &gt; Réparer les géométries) pour les dessiner</translation>
    </message>
    <message>
        <location filename="../translation.py" line="152"/>
        <source>layer '{}' ({} features) matches no category of the legend and is not drawn</source>
        <translation>la couche « {} » ({} entités) ne correspond à aucune catégorie de la légende et n'est pas dessinée</translation>
    </message>
    <message>
        <location filename="../translation.py" line="155"/>
        <source>layer '{}': {} features with values that map to no category are not drawn: {}</source>
        <translation>couche « {} » : {} entités dont les valeurs ne correspondent à aucune catégorie ne sont pas dessinées : {}</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="39"/>
        <location filename="../adapters/layers.py" line="75"/>
        <source>choose the {} (a raster layer)</source>
        <translation>choisissez une couche raster comme {}</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="41"/>
        <source>the {} layer '{}' is not valid (missing file?)</source>
        <translation>la couche « {1} » choisie comme {0} n'est pas valide (fichier manquant ?)</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="43"/>
        <source>the {} layer '{}' is a {} layer; CrossTime reads orthos from files (GeoTIFF, JPEG2000, VRT...). Save it to a file first (right click &gt; Export &gt; Save As).</source>
        <translation>la couche « {1} » choisie comme {0} est une couche {2} ; CrossTime lit les orthos depuis des fichiers (GeoTIFF, JPEG2000, VRT…). Enregistrez-la d'abord dans un fichier (clic droit &gt; Exporter &gt; Enregistrer sous…).</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="49"/>
        <location filename="../adapters/layers.py" line="85"/>
        <source>the file of the {} layer '{}' is missing: {}</source>
        <translation>le fichier de la couche « {1} » choisie comme {0} est introuvable : {2}</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="77"/>
        <source>the {} layer '{}' is not valid (missing file or unreachable service?)</source>
        <translation>la couche « {1} » choisie comme {0} n'est pas valide (fichier manquant ou service injoignable ?)</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="105"/>
        <source>the layer '{}' does not cover the other ortho</source>
        <translation>la couche « {} » ne recouvre pas l'autre ortho</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="109"/>
        <source>the extent of the layer '{}' cannot be expressed in {} ({})</source>
        <translation>l'emprise de la couche « {} » ne peut pas être exprimée dans {} ({})</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="174"/>
        <source>not a vector layer</source>
        <translation>ce n'est pas une couche vecteur</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="176"/>
        <source>the vector layer '{}' is not valid (missing file?)</source>
        <translation>la couche vecteur « {} » n'est pas valide (fichier manquant ?)</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="232"/>
        <source>the vector layer '{}' cannot be read from {}</source>
        <translation>la couche vecteur « {} » ne peut pas être lue depuis {}</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py" line="238"/>
        <source>the vector layer '{}' is not in {}</source>
        <translation>la couche vecteur « {} » ne se trouve pas dans {}</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="35"/>
        <source>the raster layer '{}' cannot be read (not valid)</source>
        <translation>la couche raster « {} » ne peut pas être lue (non valide)</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="44"/>
        <source>the raster layer '{}' has no renderer: QGIS cannot draw it</source>
        <translation>la couche raster « {} » n'a pas de moteur de rendu : QGIS ne peut pas la dessiner</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="67"/>
        <source>{}: QGIS cannot read this layer's data</source>
        <translation>{} : QGIS ne peut pas lire les données de cette couche</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="72"/>
        <source>{}: the grid CRS {} is not known to QGIS</source>
        <translation>{} : le SCR de la grille, {}, est inconnu de QGIS</translation>
    </message>
    <message>
        <location filename="../adapters/raster_reader.py" line="87"/>
        <source>{}: QGIS rendered this layer as {}, not as colours</source>
        <translation>{} : QGIS a rendu cette couche en {}, et non en couleurs</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="30"/>
        <source>1. Data</source>
        <translation>1. Données</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="30"/>
        <source>2. Descriptor</source>
        <translation>2. Descripteur</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="30"/>
        <source>3. Matching</source>
        <translation>3. Appariement</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="31"/>
        <source>4. Archive</source>
        <translation>4. Archives</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="79"/>
        <source>Cancelled by the user; no output was written.</source>
        <translation>Annulé par l'utilisateur ; aucune sortie n'a été écrite.</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="83"/>
        <source>The disk is full: {}. Free some space or choose another folder; nothing was left half-written.</source>
        <translation>Le disque est plein : {}. Libérez de la place ou choisissez un autre dossier ; aucun fichier n'est resté à moitié écrit.</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="95"/>
        <source>Legend preset for the vector layers</source>
        <translation>Légende prédéfinie des couches vecteur</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="102"/>
        <source>Mapping file (JSON; overrides the preset)</source>
        <translation>Fichier de correspondance (JSON ; remplace la légende prédéfinie)</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="124"/>
        <source>vector layer '{}' has no features in the area</source>
        <translation>la couche vecteur « {} » n'a aucune entité dans la zone</translation>
    </message>
    <message>
        <location filename="../toolbox/base.py" line="143"/>
        <source>the layer '{}' is in a geographic CRS ({}); reproject it to a projected CRS in metres first (e.g. EPSG:2154 in France)</source>
        <translation>la couche « {} » est dans un SCR géographique ({}) ; reprojetez-la d'abord dans un SCR projeté en mètres (par exemple EPSG:2154 en France)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="32"/>
        <source>Build descriptor index</source>
        <translation>Construire l'index de descripteurs</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="35"/>
        <source>Describes the old-date tiles and writes an index file (descriptors, tile ids, footprints, CRS, grid and the model's fingerprint), atomically. Give either a tile store, or the old ortho (with the new ortho, whose overlap sets the grid) and the old vector layers. Without a model, an untrained ImageNet CNN is used. 'Shard i/n' describes only the i-th of n parts, for independent jobs; merge the parts with the command line (crosstime merge-index).</source>
        <translation>Décrit les tuiles de la date ancienne et écrit un fichier d'index (descripteurs, identifiants des tuiles, emprises, SCR, grille et empreinte du modèle), de façon atomique. Donnez soit un jeu de tuiles, soit l'ortho ancienne (avec l'ortho récente, dont le recouvrement fixe la grille) et les couches vecteur anciennes. Sans modèle, un CNN ImageNet non entraîné est utilisé. « Part i/n » ne décrit que la i-ème de n parts, pour des traitements indépendants ; fusionnez les parts en ligne de commande (crosstime merge-index).</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="46"/>
        <location filename="../toolbox/match.py" line="63"/>
        <source>Model file (empty: untrained baseline)</source>
        <translation>Fichier de modèle (vide : référence non entraînée)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="47"/>
        <location filename="../toolbox/match.py" line="64"/>
        <source>CrossTime model (*.ctmodel *.onnx)</source>
        <translation>Modèle CrossTime (*.ctmodel *.onnx)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="53"/>
        <source>Tile store (instead of the layers below)</source>
        <translation>Jeu de tuiles (au lieu des couches ci-dessous)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="58"/>
        <location filename="../toolbox/build_tile_store.py" line="46"/>
        <source>Old ortho</source>
        <translation>Ortho ancienne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="60"/>
        <source>New ortho (its overlap with the old one sets the grid)</source>
        <translation>Ortho récente (son recouvrement avec l'ancienne fixe la grille)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="62"/>
        <location filename="../toolbox/build_tile_store.py" line="48"/>
        <source>Vector layers of the old date</source>
        <translation>Couches vecteur de la date ancienne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="64"/>
        <location filename="../toolbox/build_modern_index.py" line="41"/>
        <source>Tile size (ground units)</source>
        <translation>Taille des tuiles (unités terrain)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="65"/>
        <location filename="../toolbox/build_tile_store.py" line="53"/>
        <source>Tile size in pixels</source>
        <translation>Taille des tuiles en pixels</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="66"/>
        <source>Shard i/n (empty: everything)</source>
        <translation>Part i/n (vide : tout)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="68"/>
        <source>Index file</source>
        <translation>Fichier d'index</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="69"/>
        <location filename="../toolbox/build_modern_index.py" line="46"/>
        <source>CrossTime index (*.ctindex)</source>
        <translation>Index CrossTime (*.ctindex)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="71"/>
        <location filename="../toolbox/build_modern_index.py" line="47"/>
        <source>Tiles indexed</source>
        <translation>Tuiles indexées</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="86"/>
        <source>Give a tile store, or both orthos (old and new).</source>
        <translation>Donnez un jeu de tuiles, ou les deux orthos (ancienne et récente).</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="87"/>
        <location filename="../toolbox/build_tile_store.py" line="64"/>
        <location filename="../ui/index_panel.py" line="129"/>
        <location filename="../ui/layers_panel.py" line="83"/>
        <location filename="../ui/match_panel.py" line="117"/>
        <source>old ortho</source>
        <translation>ortho ancienne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="88"/>
        <location filename="../toolbox/build_tile_store.py" line="65"/>
        <location filename="../toolbox/match.py" line="99"/>
        <location filename="../ui/archive_panel.py" line="237"/>
        <location filename="../ui/index_panel.py" line="129"/>
        <location filename="../ui/layers_panel.py" line="83"/>
        <location filename="../ui/match_panel.py" line="116"/>
        <source>new ortho</source>
        <translation>ortho récente</translation>
    </message>
    <message>
        <location filename="../toolbox/build_index.py" line="105"/>
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
        <source>Describes the modern ortho's tiles with the visual-only descriptor (archive photos have no vector layers) into an index file, against which scanned archive photos are located. Give a visual model trained with the 'archive' augmentation; without one an untrained network is used (it locates far worse). A stride smaller than the tile size overlaps the tiles and places photos more precisely.</source>
        <translation>Décrit les tuiles de l'ortho moderne avec le descripteur purement visuel (les photos d'archives n'ont pas de couches vecteur) dans un fichier d'index, dans lequel les photos d'archives numérisées sont ensuite localisées. Donnez un modèle visuel entraîné avec l'augmentation « archive » ; sans modèle, un réseau non entraîné est utilisé (il localise bien moins bien). Un pas plus petit que la taille des tuiles fait se recouvrir les tuiles et place les photos plus précisément.</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="38"/>
        <source>Visual model file (empty: untrained fallback)</source>
        <translation>Fichier de modèle visuel (vide : réseau non entraîné)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="40"/>
        <source>Modern ortho</source>
        <translation>Ortho moderne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="42"/>
        <source>Stride between tiles (ground units, 0: the tile size)</source>
        <translation>Pas entre tuiles (unités terrain, 0 : la taille de tuile)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="43"/>
        <source>Tile size in pixels (the model's own when a model is given)</source>
        <translation>Taille des tuiles en pixels (celle du modèle s'il est fourni)</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="45"/>
        <source>Modern index file</source>
        <translation>Fichier d'index moderne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="52"/>
        <source>modern ortho</source>
        <translation>ortho moderne</translation>
    </message>
    <message>
        <location filename="../toolbox/build_modern_index.py" line="59"/>
        <source>{} modern tiles described by {}</source>
        <translation>{} tuiles modernes décrites par {}</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="35"/>
        <source>Build tile dataset</source>
        <translation>Construire un jeu de tuiles</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="38"/>
        <source>Cuts the old and the new ortho into tiles on a common grid (over their overlap, in the new ortho's projected CRS), rasterizes the vector layers of each date onto the tiles with the chosen legend, and writes a tile store (a folder of arrays) that training, indexing and evaluation read fast. Tiles with nodata are kept with their valid fraction. Unmapped layers and values are reported.</source>
        <translation>Découpe l'ortho ancienne et l'ortho récente en tuiles sur une grille commune (sur leur zone de recouvrement, dans le SCR projeté de l'ortho récente), rastérise sur les tuiles les couches vecteur de chaque date avec la légende choisie, et écrit un jeu de tuiles (un dossier de tableaux) que l'entraînement, l'indexation et l'évaluation lisent rapidement. Les tuiles comportant des pixels sans données (nodata) sont conservées avec leur fraction valide. Les couches et les valeurs sans correspondance sont signalées.</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="47"/>
        <location filename="../toolbox/match.py" line="67"/>
        <source>New ortho</source>
        <translation>Ortho récente</translation>
    </message>
    <message>
        <location filename="../toolbox/build_tile_store.py" line="49"/>
        <location filename="../toolbox/match.py" line="68"/>
        <source>Vector layers of the new date</source>
        <translation>Couches vecteur de la date récente</translation>
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
        <location filename="../toolbox/build_tile_store.py" line="55"/>
        <source>Limit to this extent</source>
        <translation>Limiter à cette emprise</translation>
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
        <location filename="../toolbox/train.py" line="138"/>
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
        <location filename="../toolbox/match.py" line="49"/>
        <source>Match tiles</source>
        <translation>Apparier les tuiles</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="52"/>
        <source>Describes every tile of the new ortho on the index's grid and finds its k best old-date tiles. Writes the query footprints with the best match id, the k match ids and scores, and the rank of the old tile that has the query's own id (the true match when both orthos are co-registered), plus an optional line layer from each query to its best match. The model must be the one that built the index.</source>
        <translation>Décrit chaque tuile de l'ortho récente sur la grille de l'index et trouve ses k meilleures tuiles de la date ancienne. Écrit les emprises des requêtes avec l'identifiant de la meilleure correspondance, les identifiants et scores des k correspondances, et le rang de la tuile ancienne qui porte l'identifiant de la requête (la vraie correspondance quand les deux orthos sont co-registrées), ainsi qu'une couche facultative de lignes reliant chaque requête à sa meilleure correspondance. Le modèle doit être celui qui a construit l'index.</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="60"/>
        <source>Index of the old date</source>
        <translation>Index de la date ancienne</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="70"/>
        <source>Matches per tile (k)</source>
        <translation>Correspondances par tuile (k)</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="72"/>
        <source>Matched tiles</source>
        <translation>Tuiles appariées</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="77"/>
        <source>Lines from each tile to its best match</source>
        <translation>Lignes de chaque tuile vers sa meilleure correspondance</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="83"/>
        <source>map@5 against the same-id ground truth</source>
        <translation>map@5 par rapport à la vérité terrain (même identifiant)</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="84"/>
        <source>Tiles matched</source>
        <translation>Tuiles appariées</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="96"/>
        <source>This index has no tile grid (built from an image folder); it cannot be matched against an ortho.</source>
        <translation>Cet index n'a pas de grille de tuiles (construit à partir d'un dossier d'images) ; il ne peut pas être apparié à une ortho.</translation>
    </message>
    <message>
        <location filename="../toolbox/match.py" line="126"/>
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
        <location filename="../toolbox/train.py" line="72"/>
        <source>More training stores (paths separated by ;)</source>
        <translation>Autres jeux d'entraînement (chemins séparés par ;)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="78"/>
        <source>Validation tile store (optional)</source>
        <translation>Jeu de tuiles de validation (facultatif)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="86"/>
        <source>Recipe</source>
        <translation>Recette</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="93"/>
        <source>Backbone</source>
        <translation>Backbone (réseau de base)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="99"/>
        <source>Pretrained weights</source>
        <translation>Poids pré-entraînés</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="105"/>
        <source>Local weights file (overrides the choice above)</source>
        <translation>Fichier de poids local (remplace le choix ci-dessus)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="111"/>
        <source>Descriptor size R</source>
        <translation>Taille du descripteur R</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="118"/>
        <source>Semantic image</source>
        <translation>Image sémantique</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="121"/>
        <source>Epochs (0: the recipe's)</source>
        <translation>Époques (0 : celles de la recette)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="122"/>
        <source>Learning rate of the new layers (0: the recipe's)</source>
        <translation>Taux d'apprentissage des nouvelles couches (0 : celui de la recette)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="125"/>
        <source>Learning rate of the backbone (0: a tenth of the above when pretrained)</source>
        <translation>Taux d'apprentissage du backbone (0 : un dixième du précédent s'il est pré-entraîné)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="129"/>
        <source>Pairs per batch (0: the recipe's)</source>
        <translation>Paires par lot (0 : celles de la recette)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="130"/>
        <source>Epochs between hard-mining passes</source>
        <translation>Époques entre deux recherches d'exemples difficiles</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="131"/>
        <source>Random seed</source>
        <translation>Graine aléatoire</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="133"/>
        <source>Device</source>
        <translation>Périphérique de calcul</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="135"/>
        <source>Time budget in minutes (0: none)</source>
        <translation>Budget de temps en minutes (0 : aucun)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="138"/>
        <source>CrossTime model (*.ctmodel)</source>
        <translation>Modèle CrossTime (*.ctmodel)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="143"/>
        <source>Training log</source>
        <translation>Journal d'entraînement</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="148"/>
        <source>Training plot</source>
        <translation>Graphique d'entraînement</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="153"/>
        <source>Also export to ONNX (describes tiles without PyTorch)</source>
        <translation>Exporter aussi en ONNX (décrit les tuiles sans PyTorch)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="154"/>
        <source>ONNX model (*.onnx)</source>
        <translation>Modèle ONNX (*.onnx)</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="157"/>
        <source>Best validation map@5</source>
        <translation>Meilleur map@5 de validation</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="158"/>
        <source>Best epoch</source>
        <translation>Meilleure époque</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="168"/>
        <source>The model is written to a temporary file ({}) that disappears when QGIS closes; choose a file beside your project to keep it.</source>
        <translation>Le modèle est écrit dans un fichier temporaire ({}) qui disparaîtra à la fermeture de QGIS ; choisissez un fichier à côté de votre projet pour le conserver.</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="203"/>
        <source>ONNX model: {0} (largest difference from PyTorch {1})</source>
        <translation>Modèle ONNX : {0} (plus grand écart avec PyTorch : {1})</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="205"/>
        <source>finished</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="205"/>
        <source>early stop</source>
        <translation>arrêt anticipé</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="205"/>
        <source>time budget</source>
        <translation>budget de temps atteint</translation>
    </message>
    <message>
        <location filename="../toolbox/train.py" line="206"/>
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
        <location filename="../ui/archive_panel.py" line="283"/>
        <source>the archive is already being worked on</source>
        <translation>un traitement des archives est déjà en cours</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="239"/>
        <source>archive search reads the new ortho from a raster file (GeoTIFF, VRT…); '{}' is a web or virtual layer: save it as a GeoTIFF first</source>
        <translation>la recherche dans les archives lit l'ortho récente depuis un fichier raster (GeoTIFF, VRT…) ; « {} » est une couche web ou virtuelle : enregistrez-la d'abord en GeoTIFF</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="253"/>
        <source>CrossTime: index the archive</source>
        <translation>CrossTime : indexer les archives</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="254"/>
        <source>indexing the archive (the new ortho's tiles, then every photo's windows)…</source>
        <translation>indexation des archives (les tuiles de l'ortho récente, puis les fenêtres de chaque photo)…</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="258"/>
        <source>archive indexed: {} photos, {} windows</source>
        <translation>archives indexées : {} photos, {} fenêtres</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="262"/>
        <source>archive indexing cancelled</source>
        <translation>indexation des archives annulée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="264"/>
        <source>the archive could not be indexed: {}</source>
        <translation>les archives n'ont pas pu être indexées : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="274"/>
        <location filename="../ui/archive_panel.py" line="380"/>
        <source>index the archive first (Index archive)</source>
        <translation>indexez d'abord les archives (Indexer les archives)</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="297"/>
        <source>CrossTime: locate archive photos</source>
        <translation>CrossTime : localiser des photos d'archive</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="298"/>
        <source>locating {} archive photo(s) on the new ortho…</source>
        <translation>localisation de {} photo(s) d'archive sur l'ortho récente…</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="302"/>
        <source>locating cancelled; the photos located before are kept</source>
        <translation>localisation annulée ; les photos déjà localisées sont conservées</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="305"/>
        <source>the photos could not be located: {}</source>
        <translation>les photos n'ont pas pu être localisées : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="313"/>
        <source>{} photo(s) located and added over the map</source>
        <translation>{} photo(s) localisée(s) et ajoutée(s) sur la carte</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="315"/>
        <source>weak answers (confidence under 0.1, maybe wrong): {}</source>
        <translation>réponses fragiles (confiance sous 0,1, peut-être fausses) : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="328"/>
        <source>{} (located, confidence {:.2f})</source>
        <translation>{} (localisée, confiance {:.2f})</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="330"/>
        <source>the located photo {} could not be opened: {}</source>
        <translation>la photo localisée {} n'a pas pu être ouverte : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="346"/>
        <source>archive footprints</source>
        <translation>emprises des photos d'archive</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="346"/>
        <source>located photo</source>
        <translation>photo localisée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="346"/>
        <source>runner-up</source>
        <translation>deuxième hypothèse</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="370"/>
        <source>click a place on the map: the archive photos showing it are listed best first</source>
        <translation>cliquez un lieu sur la carte : les photos d'archive qui le montrent sont listées, la meilleure d'abord</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="397"/>
        <source>CrossTime: archive photos showing a place</source>
        <translation>CrossTime : photos d'archive montrant un lieu</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="400"/>
        <source>searching the archive for this place…</source>
        <translation>recherche de ce lieu dans les archives…</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="409"/>
        <source>the archive could not answer this click: {}</source>
        <translation>les archives n'ont pas pu répondre à ce clic : {}</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="421"/>
        <source>located</source>
        <translation>localisée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="421"/>
        <source>not located</source>
        <translation>non localisée</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="425"/>
        <source>best window similarity {:.3f}; the window is outlined in orange</source>
        <translation>similarité de la meilleure fenêtre {:.3f} ; la fenêtre est entourée en orange</translation>
    </message>
    <message>
        <location filename="../ui/archive_panel.py" line="429"/>
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
        <location filename="../ui/match_panel.py" line="265"/>
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
        <location filename="../ui/dependencies_dialog.py" line="43"/>
        <source>arrays (QGIS's own)</source>
        <translation>tableaux (fourni avec QGIS)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="44"/>
        <source>reading the orthos</source>
        <translation>lecture des orthos</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="45"/>
        <source>training, and describing tiles with a model file</source>
        <translation>entraînement, et description des tuiles avec un fichier de modèle</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="46"/>
        <source>ResNet backbones</source>
        <translation>backbones ResNet</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="47"/>
        <source>search and evaluation</source>
        <translation>recherche et évaluation</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="48"/>
        <source>describing tiles with an exported ONNX model, without PyTorch</source>
        <translation>description des tuiles avec un modèle exporté en ONNX, sans PyTorch</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="49"/>
        <source>exporting a model to ONNX</source>
        <translation>export d'un modèle en ONNX</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="50"/>
        <source>faster search in large indexes</source>
        <translation>recherche plus rapide dans les grands index</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="51"/>
        <source>EfficientNet-Lite0 backbone</source>
        <translation>backbone EfficientNet-Lite0</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="52"/>
        <source>EfficientNet-Lite0 ImageNet weights (work offline)</source>
        <translation>poids ImageNet d'EfficientNet-Lite0 (fonctionnent hors ligne)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="53"/>
        <source>progress bars on the command line</source>
        <translation>barres de progression en ligne de commande</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="61"/>
        <source>installed (CrossTime folder)</source>
        <translation>installé (dossier de CrossTime)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="61"/>
        <source>installed</source>
        <translation>installé</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="63"/>
        <source>missing</source>
        <translation>manquant</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="65"/>
        <source>version outside the range</source>
        <translation>version hors de la plage</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="66"/>
        <source>does not import: {0}</source>
        <translation>ne s'importe pas : {0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="79"/>
        <source>CrossTime: installing dependencies</source>
        <translation>CrossTime : installation des dépendances</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="118"/>
        <location filename="../ui/dependencies_dialog.py" line="269"/>
        <location filename="../ui/dependencies_dialog.py" line="277"/>
        <location filename="../ui/dependencies_dialog.py" line="322"/>
        <source>CrossTime dependencies</source>
        <translation>Dépendances de CrossTime</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="125"/>
        <source>CrossTime installs what it needs with pip into a folder of its own inside your QGIS profile, for this version of Python only; nothing else on this computer changes. Remove deletes that folder.</source>
        <translation>CrossTime installe ce dont il a besoin avec pip dans un dossier qui lui est propre, à l'intérieur de votre profil QGIS, pour cette version de Python uniquement ; rien d'autre ne change sur cet ordinateur. Supprimer efface ce dossier.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="137"/>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="137"/>
        <source>Needed</source>
        <translation>Besoin</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="137"/>
        <source>Version wanted</source>
        <translation>Version voulue</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="137"/>
        <source>Version found</source>
        <translation>Version trouvée</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="138"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="145"/>
        <source>Tick the optional packages to install with the required ones.</source>
        <translation>Cochez les paquets facultatifs à installer avec les paquets requis.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="154"/>
        <source>PyTorch build:</source>
        <translation>Version de PyTorch :</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="157"/>
        <source>CPU (smaller download, works everywhere)</source>
        <translation>CPU (téléchargement plus léger, fonctionne partout)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="158"/>
        <source>CUDA (NVIDIA graphics card, large download)</source>
        <translation>CUDA (carte graphique NVIDIA, gros téléchargement)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="173"/>
        <source>pip's messages appear here during an install.</source>
        <translation>Les messages de pip s'affichent ici pendant une installation.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="177"/>
        <source>Install</source>
        <translation>Installer</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="179"/>
        <source>Cancel install</source>
        <translation>Annuler l'installation</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="181"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="183"/>
        <source>Copy diagnostics</source>
        <translation>Copier le diagnostic</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="185"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="210"/>
        <source>required</source>
        <translation>requis</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="210"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="213"/>
        <location filename="../ui/layers_panel.py" line="170"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="220"/>
        <source>(unknown: no QGIS profile)</source>
        <translation>(inconnu : pas de profil QGIS)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="222"/>
        <source>CrossTime's folder: {0}</source>
        <translation>Dossier de CrossTime : {0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="222"/>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="227"/>
        <source>rasterio is built on GDAL {0} while QGIS uses GDAL {1}: formats or projections may differ between CrossTime and QGIS.</source>
        <translation>rasterio est construit sur GDAL {0} alors que QGIS utilise GDAL {1} : les formats ou les projections peuvent différer entre CrossTime et QGIS.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="231"/>
        <source>rasterio is missing: Install takes it from PyPI, with a GDAL of its own that may differ from QGIS's. Where your system offers a rasterio built on QGIS's GDAL (python3-rasterio on Debian and Ubuntu, the OSGeo4W package on Windows), prefer it.</source>
        <translation>rasterio est manquant : Installer le prend sur PyPI, avec son propre GDAL, qui peut différer de celui de QGIS. Si votre système propose un rasterio construit sur le GDAL de QGIS (python3-rasterio sous Debian et Ubuntu, le paquet OSGeo4W sous Windows), préférez-le.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="270"/>
        <source>Everything required is installed; tick optional packages to add them.</source>
        <translation>Tout ce qui est requis est installé ; cochez des paquets facultatifs pour les ajouter.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="274"/>
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
        <location filename="../ui/dependencies_dialog.py" line="295"/>
        <source>Install cancelled: CrossTime's folder is as it was.</source>
        <translation>Installation annulée : le dossier de CrossTime est resté tel quel.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="298"/>
        <source>Install failed: {0}</source>
        <translation>Échec de l'installation : {0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="305"/>
        <source>Installed. Restart QGIS to use the new packages (the old ones are in use).</source>
        <translation>Installé. Redémarrez QGIS pour utiliser les nouveaux paquets (les anciens sont en cours d'utilisation).</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="308"/>
        <source>Installed. Restart QGIS if CrossTime had already loaded an older version of these packages.</source>
        <translation>Installé. Redémarrez QGIS si CrossTime avait déjà chargé une version plus ancienne de ces paquets.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="311"/>
        <source>Kept QGIS's own: {0}</source>
        <translation>Paquets de QGIS conservés : {0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="323"/>
        <source>Delete CrossTime's folder of packages?
{0}</source>
        <translation>Supprimer le dossier de paquets de CrossTime ?
{0}</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="326"/>
        <source>CrossTime's folder was deleted.</source>
        <translation>Le dossier de CrossTime a été supprimé.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="327"/>
        <source>Its files are in use: the folder will be deleted at the next start of QGIS.</source>
        <translation>Ses fichiers sont en cours d'utilisation : le dossier sera supprimé au prochain démarrage de QGIS.</translation>
    </message>
    <message>
        <location filename="../ui/dependencies_dialog.py" line="339"/>
        <source>Diagnostics copied to the clipboard.</source>
        <translation>Diagnostic copié dans le presse-papiers.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="69"/>
        <source>Install the missing packages…</source>
        <translation>Installer les paquets manquants…</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="35"/>
        <source>Quick (no training)</source>
        <translation>Rapide (sans entraînement)</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="35"/>
        <source>Learnt on this region</source>
        <translation>Appris sur cette région</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="36"/>
        <source>Model file…</source>
        <translation>Fichier de modèle…</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="54"/>
        <source>no model learnt on this region yet ({}): press Learn this region, or choose Quick</source>
        <translation>aucun modèle n'a encore été appris sur cette région ({}) : cliquez sur Apprendre cette région, ou choisissez Rapide</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="59"/>
        <source>choose a trained model file (.ctmodel or .onnx), or the Quick describer</source>
        <translation>choisissez un fichier de modèle entraîné (.ctmodel ou .onnx), ou le descripteur Rapide</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="99"/>
        <source>the new ortho '{}' is in a geographic CRS (degrees): tiles need a projected CRS in metres; reproject it or use a projected layer as the new ortho</source>
        <translation>l'ortho récente « {} » est dans un SCR géographique (degrés) : les tuiles demandent un SCR projeté en mètres ; reprojetez-la ou choisissez une couche projetée comme ortho récente</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="106"/>
        <source>the two orthos do not overlap: '{}' and '{}' cover separate areas; choose the two dates of one place</source>
        <translation>les deux orthos ne se recouvrent pas : « {} » et « {} » couvrent des zones distinctes ; choisissez les deux dates d'un même lieu</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="146"/>
        <source>an index is already being built</source>
        <translation>un index est déjà en cours de construction</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="161"/>
        <source>reading the old-date vector layers</source>
        <translation>lecture des couches vecteur de la date ancienne</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="174"/>
        <source>CrossTime: index the old-date tiles</source>
        <translation>CrossTime : indexer les tuiles de la date ancienne</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="175"/>
        <source>building the index of the old-date tiles...</source>
        <translation>construction de l'index des tuiles de la date ancienne...</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="198"/>
        <source>an index is already being built or a model learnt</source>
        <translation>un index est déjà en cours de construction, ou un modèle en cours d'apprentissage</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="213"/>
        <source>reading the vector layers</source>
        <translation>lecture des couches vecteur</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="225"/>
        <source>CrossTime: learn this region ({} min)</source>
        <translation>CrossTime : apprentissage de cette région ({} min)</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="226"/>
        <source>learning this region for up to {} min, then indexing; the model goes to {}</source>
        <translation>apprentissage de cette région pendant {} min au plus, puis indexation ; le modèle est enregistré dans {}</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="235"/>
        <source>model learnt on this region ({}): validation map@5 {:.3f} (untrained {:.3f}); index of {} tiles written to {}</source>
        <translation>modèle appris sur cette région ({}) : map@5 de validation {:.3f} (non entraîné : {:.3f}) ; index de {} tuiles écrit dans {}</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="257"/>
        <source>old vector layer '{}' has no features in the tiled area</source>
        <translation>la couche vecteur ancienne « {} » n'a aucune entité dans la zone découpée en tuiles</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="261"/>
        <source>index of {} tiles written to {} ({})</source>
        <translation>index de {} tuiles écrit dans {} ({})</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="268"/>
        <source>index build cancelled; the previous index file, if any, is unchanged</source>
        <translation>construction de l'index annulée ; le fichier d'index précédent, s'il existe, est inchangé</translation>
    </message>
    <message>
        <location filename="../ui/index_panel.py" line="270"/>
        <source>the index could not be built: {}</source>
        <translation>l'index n'a pas pu être construit : {}</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="36"/>
        <source>Mapping file…</source>
        <translation>Fichier de correspondance…</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="85"/>
        <source>the {} layer '{}' was removed from the project: choose another one</source>
        <translation>la couche « {1} » ({0}) a été retirée du projet : choisissez-en une autre</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="112"/>
        <source>choose the new ortho (Layers tab)</source>
        <translation>choisissez l'ortho récente (onglet Couches)</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="114"/>
        <source>choose the old ortho (Layers tab)</source>
        <translation>choisissez l'ortho ancienne (onglet Couches)</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="116"/>
        <source>the old and the new ortho are the same layer '{}': choose the older orthophoto as the old ortho and the recent one as the new ortho</source>
        <translation>l'ortho ancienne et l'ortho récente sont la même couche « {} » : choisissez la plus ancienne orthophotographie comme ortho ancienne et la plus récente comme ortho récente</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="127"/>
        <source>choose a mapping file, or one of the legend presets</source>
        <translation>choisissez un fichier de correspondance, ou une des légendes prédéfinies</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="145"/>
        <source>old date</source>
        <translation>date ancienne</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="145"/>
        <source>new date</source>
        <translation>date récente</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="149"/>
        <source>no vector layer chosen: the semantic image stays empty</source>
        <translation>aucune couche vecteur choisie : l'image sémantique reste vide</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="150"/>
        <source>{}: no vector layer chosen, nothing is drawn on its tiles</source>
        <translation>{} : aucune couche vecteur choisie, rien n'est dessiné sur ses tuiles</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="167"/>
        <source>maps to no category: not drawn</source>
        <translation>ne correspond à aucune catégorie : non dessiné</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="169"/>
        <source>unmapped {}</source>
        <translation>sans correspondance : {}</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="175"/>
        <source>legend '{}': every chosen layer maps onto the categories</source>
        <translation>légende « {} » : chaque couche choisie correspond aux catégories</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="36"/>
        <source>tie</source>
        <translation>ex æquo</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="106"/>
        <source>build the index of the old date first (Index tab), or choose an existing index file</source>
        <translation>construisez d'abord l'index de la date ancienne (onglet Index), ou choisissez un fichier d'index existant</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="151"/>
        <source>CrossTime: prepare the matcher</source>
        <translation>CrossTime : préparation de l'appariement</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="155"/>
        <source>preparing the matcher (reading the vector layers, loading the model and the index)…</source>
        <translation>préparation de l'appariement (lecture des couches vecteur, chargement du modèle et de l'index)…</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="168"/>
        <source>the matcher could not be prepared: {}</source>
        <translation>l'appariement n'a pas pu être préparé : {}</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="169"/>
        <source>preparing the matcher was cancelled</source>
        <translation>la préparation de l'appariement a été annulée</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="178"/>
        <source>the index was cut into tiles of {:g} m / {} px, not the {:g} m / {} px set here: the index's grid is used</source>
        <translation>l'index a été découpé en tuiles de {:g} m / {} px, et non de {:g} m / {} px comme réglé ici : la grille de l'index est utilisée</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="182"/>
        <source>ready: click a place on the new ortho</source>
        <translation>prêt : cliquez sur un lieu de l'ortho récente</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="209"/>
        <source>preparing the matcher (reading the vector layers, loading the model and the index)…; your click will be answered next</source>
        <translation>préparation de l'appariement (lecture des couches vecteur, chargement du modèle et de l'index)… ; votre clic sera traité ensuite</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="217"/>
        <source>this point lies outside the tiled area of the index (dotted outline)</source>
        <translation>ce point est hors de la zone découpée en tuiles de l'index (contour pointillé)</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="223"/>
        <source>CrossTime: match a click</source>
        <translation>CrossTime : appariement d'un clic</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="227"/>
        <source>matching…</source>
        <translation>appariement…</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="237"/>
        <source>the click could not be matched: {}</source>
        <translation>le clic n'a pas pu être apparié : {}</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="267"/>
        <source>{:.4f} above rank {}</source>
        <translation>{:.4f} de plus que le rang {}</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="278"/>
        <source>the clicked tile {} (new date)</source>
        <translation>la tuile cliquée {} (date récente)</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="284"/>
        <source> (warning: {:.0f}% of the query tile is nodata)</source>
        <translation> (attention : {:.0f} % de la tuile requête est sans données)</translation>
    </message>
    <message>
        <location filename="../ui/match_panel.py" line="286"/>
        <source>tile {}: best match {}, {} ahead of the next (cosine {:.3f}), {:.0f} ms{}</source>
        <translation>tuile {} : meilleure correspondance {}, {} devant la suivante (cosinus {:.3f}), {:.0f} ms{}</translation>
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
        <location filename="../ui/results_layer.py" line="86"/>
        <source>rank {}</source>
        <translation>rang {}</translation>
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
        <source>Topographic layers of the old date (BD TOPO, OSM...), drawn onto the tiles as the semantic image</source>
        <translation>Couches topographiques de la date ancienne (BD TOPO, OSM…), dessinées sur les tuiles pour former l'image sémantique</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>New vectors</source>
        <translation>Vecteurs récents</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Topographic layers of the new date</source>
        <translation>Couches topographiques de la date récente</translation>
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
        <source>Then click a place on the map: the tile under it is matched against the old-date index (right click or Esc to stop)</source>
        <translation>Cliquez ensuite sur un lieu de la carte : la tuile qui s'y trouve est recherchée dans l'index de la date ancienne (clic droit ou Échap pour arrêter)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="0"/>
        <source>Click a place on the map</source>
        <translation>Cliquer sur un lieu de la carte</translation>
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
</context>
</TS>
