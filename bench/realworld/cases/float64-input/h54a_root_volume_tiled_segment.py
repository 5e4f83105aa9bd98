# source: https://github.com/Abe404/RootPainter3D/issues/1
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: helper, loader-loop
# bug-lines: 38, 40
# needs: torch, numpy, nibabel
# cpu: no written where torch was not installed; not run
"""Tiled inference of a 3D U-Net over large uint16 CT/MRI volumes
(ensemble of checkpoints, results averaged)."""
import numpy as np
import nibabel as nib
import torch


def normalize_volume(vol):
    # uint16 scanner values -> zero mean / unit std (computed in numpy)
    vol = vol - vol.mean()
    return vol / (vol.std() + 1e-8)


def tile_coords(shape, tile, out_tile):
    step = [o for o in out_tile]
    ranges = [range(0, max(1, s - t + 1), st) for s, t, st in zip(shape, tile, step)]
    return [(z, y, x) for z in ranges[0] for y in ranges[1] for x in ranges[2]]


def segment_3d(cnn, image, batch_size, tile=(56, 240, 240), out_tile=(18, 194, 194)):
    image = normalize_volume(image)
    pad = [((t - o) // 2,) * 2 for t, o in zip(tile, out_tile)]
    padded = np.pad(image, pad, mode="reflect")
    pred = np.zeros(image.shape, dtype=np.float32)
    coords = tile_coords(padded.shape, tile, out_tile)
    for i in range(0, len(coords), batch_size):
        batch_coords = coords[i:i + batch_size]
        tiles = np.stack([
            padded[z:z + tile[0], y:y + tile[1], x:x + tile[2]] for z, y, x in batch_coords
        ])[:, None]
        tiles_for_gpu = torch.from_numpy(tiles).cuda()
        with torch.no_grad():
            outputs = cnn(tiles_for_gpu).softmax(dim=1)[:, 1].cpu().numpy()
        for (z, y, x), out in zip(batch_coords, outputs):
            dz, dy, dx = [min(o, s - c) for o, s, c in zip(out_tile, image.shape, (z, y, x))]
            pred[z:z + dz, y:y + dy, x:x + dx] = out[:dz, :dy, :dx]
    return pred


def ensemble_segment(model_paths, image_path, build_model, batch_size=2):
    image = np.asarray(nib.load(image_path).dataobj).astype(np.uint16)
    preds = []
    for path in model_paths:
        cnn = build_model()
        cnn.load_state_dict(torch.load(path, map_location="cuda"))
        cnn.cuda().eval()
        preds.append(segment_3d(cnn, image, batch_size))
    return (np.mean(preds, axis=0) > 0.5).astype(np.uint8)
