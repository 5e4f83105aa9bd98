# source: https://github.com/meta-pytorch/captum/pull/725
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: helper
# bug-lines: 28, 29, 35
# needs: torch, numpy, sklearn, torchvision
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from sklearn.linear_model import SGDClassifier
from torchvision.models import resnet18


@torch.no_grad()
def collect_activations(model, layer, images):
    store = []
    handle = layer.register_forward_hook(lambda m, i, o: store.append(o.flatten(1)))
    model(images)
    handle.remove()
    return store[0]


def fit_concept_probe(acts, labels):
    """Train a linear probe with sklearn and return it as torch weight/bias."""
    clf = SGDClassifier(loss="hinge", alpha=0.01, max_iter=1000, tol=1e-3)
    clf.fit(acts.cpu().numpy(), labels)
    # decision_function(x) = x @ coef_.T + intercept_
    weight = torch.FloatTensor(clf.coef_)
    bias = torch.FloatTensor([clf.intercept_])
    return weight, bias


def concept_scores(model, layer, images, weight, bias):
    acts = collect_activations(model, layer, images)
    return (acts @ weight.T + bias).squeeze(-1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = resnet18(weights=None).to(device).eval()
    concept = torch.rand(32, 3, 224, 224, device=device)
    random = torch.rand(32, 3, 224, 224, device=device)
    acts = torch.cat([collect_activations(net, net.layer3, concept),
                      collect_activations(net, net.layer3, random)])
    labels = np.array([1] * 32 + [0] * 32)
    w, b = fit_concept_probe(acts, labels)
    test = torch.rand(8, 3, 224, 224, device=device)
    print(concept_scores(net, net.layer3, test, w, b))
