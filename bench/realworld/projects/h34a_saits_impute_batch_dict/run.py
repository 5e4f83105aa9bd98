# source: https://github.com/WenjieDu/PyPOTS/pull/59
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, top-level
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np

from model import SAITSLike

rng = np.random.default_rng(0)
n_samples, n_steps, n_features = 512, 48, 12
clean = np.sin(np.linspace(0, 30, n_steps))[None, :, None] + rng.normal(0, 0.1, (n_samples, n_steps, n_features))
X = clean.copy()
holdout = rng.random(X.shape) < 0.2  # simulated sensor dropouts
X[holdout] = np.nan

imputer = SAITSLike(n_features=n_features, epochs=5, device="cuda")
imputer.fit(X)
X_imputed = imputer.impute(X)

mae = np.abs(X_imputed[holdout] - clean[holdout]).mean()
print("remaining NaNs:", np.isnan(X_imputed).sum())
print(f"MAE on dropped points: {mae:.4f}")
