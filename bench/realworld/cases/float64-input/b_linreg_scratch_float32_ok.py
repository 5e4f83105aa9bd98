# source: https://github.com/OUCMachineLearning/OUCML/issues/24
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: helper, loader-loop
# looks-like: float64-input
# cpu: clean
# needs: torch, numpy
import random

import numpy as np
import torch

num_inputs = 2
num_examples = 1000
true_w = [2, -3.4]
true_b = 4.2


def synthetic_data(w, b, n):
    features = torch.from_numpy(np.random.normal(0, 1, (n, len(w)))).to(torch.float32)
    labels = true_w[0] * features[:, 0] + true_w[1] * features[:, 1] + b
    labels += torch.from_numpy(np.random.normal(0, 0.01, size=labels.size())).float()
    return features, labels


def data_iter(batch_size, features, labels):
    num = len(features)
    indices = list(range(num))
    random.shuffle(indices)
    for i in range(0, num, batch_size):
        j = torch.LongTensor(indices[i : min(i + batch_size, num)])
        yield features.index_select(0, j), labels.index_select(0, j)


def linreg(X, w, b):
    return torch.mm(X, w) + b


def squared_loss(y_hat, y):
    return (y_hat - y.view(y_hat.size())) ** 2 / 2


def sgd(params, lr, batch_size):
    for param in params:
        param.data -= lr * param.grad / batch_size


features, labels = synthetic_data(true_w, true_b, num_examples)
w = torch.tensor(np.random.normal(0, 0.01, (num_inputs, 1)), dtype=torch.float32)
b = torch.zeros(1, dtype=torch.float32)
w.requires_grad_(requires_grad=True)
b.requires_grad_(requires_grad=True)

lr, num_epochs, batch_size = 0.03, 3, 10
for epoch in range(num_epochs):
    for X, y in data_iter(batch_size, features, labels):
        l = squared_loss(linreg(X, w, b), y).sum()
        l.backward()
        sgd([w, b], lr, batch_size)
        w.grad.data.zero_()
        b.grad.data.zero_()
    train_l = squared_loss(linreg(features, w, b), labels)
    print("epoch %d, loss %f" % (epoch + 1, train_l.mean().item()))
