# source: https://github.com/RomanovMikeV/setka/issues/13
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Face anti-spoofing evaluation: APCER / BPCER / ACER at the threshold chosen on the dev set."""
import numpy as np
import torch


@torch.no_grad()
def collect_scores(model, loader, device):
    model.eval()
    scores, labels, attack_types = [], [], []
    for frames, label, attack in loader:
        logits = model(frames.to(device, non_blocking=True))
        live_prob = torch.softmax(logits, dim=1)[:, 1]
        scores.append(live_prob.detach().cpu().numpy())
        labels.append(label.numpy())          # labels stay on the host, they are only used for metrics
        attack_types.append(np.asarray(attack))
    return np.concatenate(scores), np.concatenate(labels), np.concatenate(attack_types)


def threshold_at_eer(scores, labels):
    candidates = np.unique(scores)
    far = np.array([(scores[labels == 0] >= t).mean() for t in candidates])
    frr = np.array([(scores[labels == 1] < t).mean() for t in candidates])
    return float(candidates[np.argmin(np.abs(far - frr))])


def acer(scores, labels, attack_types, threshold):
    bpcer = float((scores[labels == 1] < threshold).mean())
    apcer_per_attack = {
        a: float((scores[(labels == 0) & (attack_types == a)] >= threshold).mean())
        for a in np.unique(attack_types[labels == 0])
    }
    apcer = max(apcer_per_attack.values())
    return {"APCER": apcer, "BPCER": bpcer, "ACER": (apcer + bpcer) / 2, "per_attack": apcer_per_attack}


def evaluate(model, dev_loader, test_loader, device):
    dev_scores, dev_labels, _ = collect_scores(model, dev_loader, device)
    thr = threshold_at_eer(dev_scores, dev_labels)
    test_scores, test_labels, test_attacks = collect_scores(model, test_loader, device)
    report = acer(test_scores, test_labels, test_attacks, thr)
    report["threshold"] = thr
    return report
