# source: https://github.com/ikostrikov/pytorch-a2c-ppo-acktr-gail/issues/117
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'mat1'
# pattern: inputs-not-moved
# shape: multi-file, class
# looks-like: inputs-not-moved
# needs: torch, numpy, gym
# cpu: no written where torch was not installed; not run
import gym
import numpy as np
import torch


class DummyVecEnv:
    def __init__(self, env_fns):
        self.envs = [fn() for fn in env_fns]
        self.observation_space = self.envs[0].observation_space
        self.action_space = self.envs[0].action_space

    def reset(self):
        return np.stack([env.reset() for env in self.envs])

    def step(self, actions):
        obs, rews, dones, infos = [], [], [], []
        for env, a in zip(self.envs, actions):
            o, r, d, info = env.step(a)
            if d:
                info["episode"] = {"r": info.get("episode_return", r)}
                o = env.reset()
            obs.append(o)
            rews.append(r)
            dones.append(d)
            infos.append(info)
        return np.stack(obs), np.array(rews, dtype=np.float32), np.array(dones), infos


class VecPyTorch:
    """Converts numpy observations to float tensors on the training device."""

    def __init__(self, venv, device):
        self.venv = venv
        self.device = device
        self.observation_space = venv.observation_space
        self.action_space = venv.action_space

    def reset(self):
        obs = self.venv.reset()
        return torch.from_numpy(obs).float().to(self.device)

    def step(self, actions):
        actions = actions.squeeze(1).cpu().numpy()
        obs, reward, done, info = self.venv.step(actions)
        obs = torch.from_numpy(obs).float().to(self.device)
        reward = torch.from_numpy(reward).unsqueeze(1)
        return obs, reward, done, info


def make_vec_envs(env_name, seed, num_processes, device):
    def make(rank):
        def _thunk():
            env = gym.make(env_name)
            env.seed(seed + rank)
            return env
        return _thunk
    return VecPyTorch(DummyVecEnv([make(i) for i in range(num_processes)]), device)
