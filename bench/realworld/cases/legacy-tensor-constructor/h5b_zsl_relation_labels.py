# source: https://github.com/lzrobots/LearningToCompare_ZSL/issues/1
# error: RuntimeError: Expected object of type torch.cuda.LongTensor but found type torch.LongTensor for argument #2 'other'
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# bug-lines: 46
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

GPU = 0
ATTR_DIM, FEAT_DIM, N_CLASSES = 85, 2048, 40


class AttributeNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(ATTR_DIM, 1024), nn.ReLU(), nn.Linear(1024, FEAT_DIM), nn.ReLU())

    def forward(self, x):
        return self.net(x)


class RelationNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(2 * FEAT_DIM, 400), nn.ReLU(), nn.Linear(400, 1), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)


def compute_relations(attribute_net, relation_net, features, attributes):
    sem = attribute_net(attributes)
    n, c = features.shape[0], sem.shape[0]
    pairs = torch.cat([sem.unsqueeze(0).expand(n, c, -1), features.unsqueeze(1).expand(n, c, -1)], dim=2)
    return relation_net(pairs.view(-1, 2 * FEAT_DIM)).view(n, c)


def evaluate(attribute_net, relation_net, loader, attributes, batch_size):
    correct = 0
    for feats, labels in loader:
        relations = compute_relations(attribute_net, relation_net, feats.cuda(GPU), attributes)
        _, predict_labels = torch.max(relations, 1)
        re_batch_labels = torch.LongTensor([int(l) for l in labels.numpy()])
        rewards = (predict_labels == re_batch_labels).long()
        correct += int(rewards.sum())
    return correct / len(loader.dataset)


if __name__ == "__main__":
    attributes = torch.rand(N_CLASSES, ATTR_DIM).cuda(GPU)
    attribute_net, relation_net = AttributeNetwork().cuda(GPU), RelationNetwork().cuda(GPU)
    data = TensorDataset(torch.rand(64, FEAT_DIM), torch.randint(0, N_CLASSES, (64,)))
    loader = DataLoader(data, batch_size=16)
    with torch.no_grad():
        print("zsl accuracy", evaluate(attribute_net, relation_net, loader, attributes, 16))
