# source: https://github.com/floodsung/LearningToCompare_FSL/issues/30
# error: RuntimeError: Expected object of scalar type Long but got scalar type Int for argument #3 'index'
# pattern: loss-target-dtype
# shape: helper, batch-dict
# looks-like: loss-target-dtype
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""One relation-network episode on Omniglot: MSE between relation scores and one-hot targets."""
import numpy as np
import torch
import torch.nn as nn


def sample_episode(images_by_class, way=5, shot=1, query=19, rng=np.random):
    classes = rng.choice(len(images_by_class), way, replace=False)
    support, queries = [], []
    for c in classes:
        idx = rng.choice(len(images_by_class[c]), shot + query, replace=False)
        support.append(images_by_class[c][idx[:shot]])
        queries.append(images_by_class[c][idx[shot:]])
    query_labels = np.repeat(np.arange(way), query).astype(np.int32)
    return {"support": np.concatenate(support), "query": np.concatenate(queries),
            "query_labels": query_labels}


def episode_loss(encoder, relation, episode, way, device):
    support = torch.from_numpy(episode["support"]).float().to(device)
    queries = torch.from_numpy(episode["query"]).float().to(device)
    labels = torch.from_numpy(episode["query_labels"]).long().to(device)

    s_feat = encoder(support).view(way, -1, 64, 5, 5).sum(1)           # [way, 64, 5, 5]
    q_feat = encoder(queries)                                           # [Q, 64, 5, 5]
    n_q = q_feat.size(0)
    pairs = torch.cat([s_feat.unsqueeze(0).expand(n_q, -1, -1, -1, -1),
                       q_feat.unsqueeze(1).expand(-1, way, -1, -1, -1)], dim=2)
    relations = relation(pairs.view(-1, 128, 5, 5)).view(n_q, way)

    one_hot = torch.zeros(n_q, way, device=device).scatter_(1, labels.view(-1, 1), 1.0)
    loss = nn.functional.mse_loss(relations, one_hot)
    acc = (relations.argmax(1) == labels).float().mean()
    return loss, acc


def train_step(encoder, relation, optimizers, images_by_class, device, way=5):
    episode = sample_episode(images_by_class, way=way)
    loss, acc = episode_loss(encoder, relation, episode, way, device)
    for opt in optimizers:
        opt.zero_grad()
    loss.backward()
    for opt in optimizers:
        opt.step()
    return loss.item(), acc.item()
