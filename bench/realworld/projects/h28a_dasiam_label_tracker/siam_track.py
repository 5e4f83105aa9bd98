# source: https://github.com/Cartucho/OpenLabeling/pull/58
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper, batch-dict
# bug-lines: 31, 41
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Init/track steps for the Siamese tracker (state kept in a plain dict)."""
import cv2
import numpy as np
import torch


def get_subwindow(im, pos, model_sz, original_sz, avg_chans):
    c = (original_sz + 1) / 2
    x0, y0 = int(round(pos[0] - c)), int(round(pos[1] - c))
    pad = max(0, -x0, -y0, x0 + original_sz - im.shape[1], y0 + original_sz - im.shape[0])
    padded = cv2.copyMakeBorder(im, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=avg_chans.tolist())
    patch = padded[y0 + pad:y0 + pad + original_sz, x0 + pad:x0 + pad + original_sz]
    patch = cv2.resize(patch, (model_sz, model_sz))
    return torch.from_numpy(np.transpose(patch, (2, 0, 1))).float()


def siamese_init(im, target_pos, target_sz, net, exemplar_size=127, context=0.5):
    state = {"net": net, "target_pos": target_pos, "target_sz": target_sz}
    state["avg_chans"] = np.mean(im, axis=(0, 1))
    wc_z = target_sz[0] + context * sum(target_sz)
    hc_z = target_sz[1] + context * sum(target_sz)
    s_z = round(np.sqrt(wc_z * hc_z))
    z_crop = get_subwindow(im, target_pos, exemplar_size, s_z, state["avg_chans"])
    net.temple(z_crop.unsqueeze(0).cuda())
    state["s_z"] = s_z
    return state


def siamese_track(state, im, instance_size=271):
    net = state["net"]
    s_x = state["s_z"] * instance_size / 127
    x_crop = get_subwindow(im, state["target_pos"], instance_size, round(s_x), state["avg_chans"])
    with torch.no_grad():
        delta, score = net(x_crop.unsqueeze(0).cuda())
    score = torch.softmax(score.view(2, -1), dim=0)[1].cpu().numpy()
    delta = delta.view(4, -1).cpu().numpy()
    best = int(np.argmax(score))
    scale = s_x / instance_size
    state["target_pos"] = state["target_pos"] + delta[:2, best] * scale
    state["score"] = float(score[best])
    return state
