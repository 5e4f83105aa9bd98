# source: https://github.com/facebookresearch/habitat-lab/issues/171
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# bug-lines: 16
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from h54b_policy import PointNavPolicy


class PPOEvaluator:
    def __init__(self, config):
        self.config = config
        self.device = torch.device("cuda", config["pth_gpu_id"])
        self.policy = PointNavPolicy(hidden_size=config["hidden_size"]).to(self.device)
        self.policy.eval()

    def load_checkpoint(self, path):
        ckpt = torch.load(path, map_location=self.device)
        self.policy.load_state_dict(ckpt["state_dict"])
        return ckpt.get("extra_state", {})

    def _batch_obs(self, observations):
        depth = torch.stack([torch.as_tensor(o["depth"], dtype=torch.float32) for o in observations])
        goal = torch.stack(
            [torch.as_tensor(o["pointgoal_with_gps_compass"], dtype=torch.float32) for o in observations]
        )
        return depth.permute(0, 3, 1, 2).to(self.device), goal.to(self.device)

    def eval_episodes(self, envs, num_episodes):
        n = envs.num_envs
        hidden = torch.zeros(self.policy.rnn_layers, n, self.policy.hidden_size, device=self.device)
        masks = torch.zeros(n, 1, device=self.device)
        observations = envs.reset()
        spls = []
        while len(spls) < num_episodes:
            depth, goal = self._batch_obs(observations)
            with torch.no_grad():
                actions, _, hidden = self.policy.act(depth, goal, hidden, masks)
            observations, _, dones, infos = envs.step(actions.cpu().tolist())
            masks = torch.tensor([[0.0] if d else [1.0] for d in dones], device=self.device)
            for done, info in zip(dones, infos):
                if done:
                    spls.append(info.get("spl", 0.0))
        return sum(spls) / max(len(spls), 1)
