# source: https://github.com/MarilynKeller/SKEL/issues/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_CUDA_bmm)
# pattern: inputs-not-moved
# shape: multi-file, helper
# needs: numpy
# cpu: no written where torch was not installed; not run
"""Reading SKEL pose sequences (e.g. fitted from AMASS) stored as pickles."""
import pickle

import numpy as np


def load_skel_motion(pkl_path, max_frames=None, fps_in=120, fps_out=30):
    with open(pkl_path, "rb") as f:
        data = pickle.load(f)
    step = max(1, fps_in // fps_out)
    poses = np.asarray(data["poses"], dtype=np.float32)[::step]   # (N, 46) SKEL joint angles
    trans = np.asarray(data["trans"], dtype=np.float32)[::step]   # (N, 3)
    betas = np.asarray(data["betas"], dtype=np.float32).reshape(-1)[:10]
    if max_frames is not None:
        poses, trans = poses[:max_frames], trans[:max_frames]
    return {"poses": poses, "trans": trans, "betas": betas, "gender": data.get("gender", "male")}


def save_vertices(out_path, verts, faces):
    np.savez_compressed(out_path, vertices=verts, faces=faces)
