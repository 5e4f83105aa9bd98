# source: https://github.com/FighterLYL/GraphNeuralNetwork/issues/1
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, top-level
# bug-lines: 60
# needs: torch, numpy, scipy, scikit-learn, matplotlib
# cpu: no written where torch was not installed; not run
import matplotlib.pyplot as plt
import numpy as np
import scipy.sparse as sp
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.manifold import TSNE

device = "cuda" if torch.cuda.is_available() else "cpu"


def normalization(adjacency):
    """L = D^-0.5 (A + I) D^-0.5"""
    adjacency = adjacency + sp.eye(adjacency.shape[0])
    degree = np.array(adjacency.sum(1)).flatten()
    d_hat = sp.diags(np.power(degree, -0.5))
    return d_hat.dot(adjacency).dot(d_hat).tocoo()


class GcnNet(nn.Module):
    def __init__(self, input_dim, hidden_dim=16, num_classes=7):
        super().__init__()
        self.gcn1 = nn.Linear(input_dim, hidden_dim)
        self.gcn2 = nn.Linear(hidden_dim, num_classes)

    def forward(self, adjacency, feature):
        h = F.relu(torch.sparse.mm(adjacency, self.gcn1(feature)))
        return torch.sparse.mm(adjacency, self.gcn2(h))


data = np.load("cora_preprocessed.npz")
x = data["x"] / data["x"].sum(1, keepdims=True)
norm_adj = normalization(sp.coo_matrix(data["adjacency"]))
indices = torch.from_numpy(np.vstack([norm_adj.row, norm_adj.col]).astype(np.int64))
tensor_adjacency = torch.sparse_coo_tensor(indices, torch.from_numpy(norm_adj.data.astype(np.float32)),
                                           norm_adj.shape).to(device)
tensor_x = torch.from_numpy(x.astype(np.float32)).to(device)
tensor_y = torch.from_numpy(data["y"]).long().to(device)
tensor_train_mask = torch.from_numpy(data["train_mask"]).to(device)
tensor_test_mask = torch.from_numpy(data["test_mask"]).to(device)

model = GcnNet(tensor_x.shape[1]).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.1, weight_decay=5e-4)


def test(mask):
    model.eval()
    with torch.no_grad():
        logits = model(tensor_adjacency, tensor_x)
        test_mask_logits = logits[mask]
        predict_y = test_mask_logits.max(1)[1]
        accuracy = torch.eq(predict_y, tensor_y[mask]).float().mean()
    return accuracy, test_mask_logits.numpy(), tensor_y[mask].numpy()


for epoch in range(200):
    model.train()
    logits = model(tensor_adjacency, tensor_x)
    loss = F.cross_entropy(logits[tensor_train_mask], tensor_y[tensor_train_mask])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

test_acc, test_logits, test_label = test(tensor_test_mask)
print(f"Test accuracy: {test_acc.item():.4f}")
embedded = TSNE(n_components=2).fit_transform(test_logits)
plt.scatter(embedded[:, 0], embedded[:, 1], c=test_label, s=4, cmap="tab10")
plt.savefig("gcn_tsne.png")
