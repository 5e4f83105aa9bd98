# source: https://github.com/pygod-team/pygod/issues/91
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: multi-file, top-level
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Flag anomalous sensors in a water-distribution network from one day of readings."""
import numpy as np
import pandas as pd
import torch

from detector import SensorGraphDetector

readings = pd.read_csv("sensor_readings_day.csv", index_col="sensor_id")
edges = pd.read_csv("pipe_edges.csv")

ids = {sid: i for i, sid in enumerate(readings.index)}
adj = np.zeros((len(ids), len(ids)), dtype=np.float32)
for a, b in zip(edges["from_sensor"], edges["to_sensor"]):
    adj[ids[a], ids[b]] = adj[ids[b], ids[a]] = 1.0

feats = readings.to_numpy(dtype=np.float32)
feats = (feats - feats.mean(0)) / (feats.std(0) + 1e-6)

detector = SensorGraphDetector(in_dim=feats.shape[1], epochs=300, gpu=0)
detector.fit(torch.from_numpy(feats), torch.from_numpy(adj))

scores = detector.decision_scores_.numpy()
top = np.argsort(-scores)[:10]
for i in top:
    print(f"{readings.index[i]}: anomaly score {scores[i]:.3f}")
